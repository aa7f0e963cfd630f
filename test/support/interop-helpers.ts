import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSpecplanInProcess, type CliRun } from './in-process-cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT = path.resolve(here, '../..');
export const FIXTURES = path.join(PROJECT, 'test/support/fixtures/interop');
export const CORPUS_ROOT = path.resolve(PROJECT, '../shared/corpora/synchestra-spec');

/** A fixture file's text. */
export function fixture(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}

const FEATURE = (title: string) =>
  `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} for the product.\n\n## Outstanding Questions\n\nNone at this time.\n`;

/** A temporary spec repository with the given features (path → title) and extra files. */
export function makeRepo(opts: { features?: Record<string, string>; files?: Record<string, string>; git?: boolean } = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-interop-'));
  mkdirSync(path.join(root, 'spec/plans'), { recursive: true });
  const features = opts.features ?? { notifications: 'Notifications', auth: 'Auth', ui: 'UI', payments: 'Payments' };
  for (const [p, title] of Object.entries(features)) writeFile(root, `spec/features/${p}/README.md`, FEATURE(title));
  for (const [p, text] of Object.entries(opts.files ?? {})) writeFile(root, p, text);
  if (opts.git) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.com');
    git('add', '-A');
    git('commit', '-q', '-m', 'init');
  }
  return root;
}

/** A temporary copy of the synchestra corpus (read-only original). */
export function copyCorpus(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-interop-corpus-'));
  cpSync(path.join(CORPUS_ROOT, 'spec'), path.join(root, 'spec'), { recursive: true });
  return root;
}

export function writeFile(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Every file below root (root-relative, sorted) with its content: a snapshot to prove nothing changed. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.name === '.git') continue;
      if (e.isDirectory()) walk(child);
      else if (statSync(path.join(root, child)).isFile()) out[child] = readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk('');
  return out;
}

/**
 * Run `specplan …` in this process through the real dispatch (`runSpecplan`; msw intercepts its
 * HTTP), capturing stdout, stderr and the exit code.
 */
export function runCli(argv: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return runSpecplanInProcess(argv, { env, ...(cwd ? { cwd } : {}) });
}

export type { CliRun };
