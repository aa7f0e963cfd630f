import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { runSpecplan } from '../../src/cli/main.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The read-only synchestra corpus beside the checkout. */
export const CORPUS_ROOT = path.resolve(here, '../../../shared/corpora/synchestra-spec');
/** Rule fixtures (small spec repositories). */
export const RULE_FIXTURES = path.resolve(here, '../lint/fixtures/rules');

/** A fresh temp copy of `src` (the corpus and fixtures are never written). */
export function tempCopy(src: string, prefix = 'specplan-index-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(src, dir, { recursive: true });
  return dir;
}

/** An empty temp directory. */
export function tempDir(prefix = 'specplan-index-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file below `root` with its bytes, root-relative, for before/after comparisons. */
export function snapshot(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.set(child, readFileSync(path.join(root, child)));
    }
  };
  walk('');
  return out;
}

/** Files whose bytes differ between two snapshots (added, removed or changed), sorted. */
export function changedFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => !(a.has(k) && b.has(k) && a.get(k)!.equals(b.get(k)!))).sort();
}

export function mtimeOf(file: string): number {
  return statSync(file).mtimeMs;
}

/** Run `specplan …` in-process, capturing stdout, stderr and the exit code. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await runSpecplan(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

/** `git init` with a local identity, then commit everything with `message`. */
export function gitInit(root: string): void {
  const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
}

/** Stage everything and commit with a message (may hold trailers); `date` sets both dates. */
export function gitCommit(root: string, message: string, date = '2026-03-20T12:00:00Z'): void {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: root, stdio: 'pipe' });
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: root, stdio: 'pipe', env });
}
