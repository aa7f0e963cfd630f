import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The checkout root. */
export const PROJECT = path.resolve(here, '../..');
export const CORPUS_ROOT = path.resolve(PROJECT, '../shared/corpora/synchestra-spec');

// Hermetic git for every temp repository.
process.env.GIT_CONFIG_GLOBAL = os.devNull;
process.env.GIT_CONFIG_NOSYSTEM = '1';

/** Content hash of every file below `dir` (symlinks recorded as their target, not followed). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(dir, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, `link:${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        if (r === '.git' || r.endsWith('/.git')) continue;
        out.set(`${r}/`, 'dir');
        walk(r);
      } else out.set(r, createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16));
    }
  };
  walk('');
  return out;
}

/** The entries that differ between two snapshots (added, removed or changed), sorted. */
export function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

export function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A well-formed plan document with the given status and slug-derived title. */
export function planText(opts: { title: string; status?: string; feature?: string; approved?: boolean }): string {
  const feature = opts.feature ?? 'cli';
  const approved = opts.status === 'approved';
  return `# Plan: ${opts.title}

**Status:** ${opts.status ?? 'draft'}
**Features:**
  - [${feature}](../../features/${feature}/README.md)
**Source type:** feature
**Source:** [${feature} feature spec](../../features/${feature}/)
**Author:** @alex
${approved ? '**Approver:** @jordan\n' : ''}**Created:** 2026-03-01
${approved ? '**Approved:** 2026-03-02\n' : ''}**Effort:** S
**Impact:** medium

## Context

${opts.title} exists so the hardening tests have something to attack.

## Acceptance criteria

- Nothing leaves the root

## Steps

### 1. Do the thing

**Depends on:** (none)

**Acceptance criteria:**
- The thing is done

### 2. Check the thing

**Depends on:** Step 1

**Acceptance criteria:**
- The thing is checked

## Outstanding Questions

None at this time.
`;
}

function feature(title: string): string {
  return `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} does useful things.\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

export interface Arena {
  /** The temp folder holding both `root` and `outside`. */
  base: string;
  /** The spec repository. */
  root: string;
  /** A sibling folder the tools must never touch. */
  outside: string;
  cleanup(): void;
}

/**
 * A spec repository with a sibling `outside/` folder holding a plan, a feature and a proposal,
 * and symlinks from inside the repository pointing at them: `spec/plans/evil-link`,
 * `spec/features/evil-link`, `spec/features/cli/proposals/evil-link`, `spec/evil-dir`.
 * Plans: `user-auth` (draft), `in-review` (in_review), `frozen` (approved); features cli, api.
 */
export function makeArena(opts: { git?: boolean; symlinks?: boolean } = {}): Arena {
  const base = mkdtempSync(path.join(os.tmpdir(), 'specplan-hard-'));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  write(outside, 'evil-plan/README.md', planText({ title: 'Outside plan' }));
  write(outside, 'evil-feature/README.md', feature('Outside feature'));
  write(
    outside,
    'evil-proposal/README.md',
    '# Proposal: Outside\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @eve |\n\n## Summary\n\nEvil.\n',
  );
  write(outside, 'secret.txt', 'do not read or write me\n');
  write(root, 'specscore.yaml', 'project: hardening\nplanning:\n  llm:\n    provider: none\n');
  write(root, 'spec/features/cli/README.md', feature('CLI'));
  write(root, 'spec/features/api/README.md', feature('API'));
  write(
    root,
    'spec/features/cli/proposals/batch-mode/README.md',
    '# Proposal: Batch mode\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @sam |\n\n## Summary\n\nRun many items at once.\n\n## Outstanding Questions\n\nNone at this time.\n',
  );
  write(root, 'spec/plans/user-auth/README.md', planText({ title: 'User auth' }));
  write(root, 'spec/plans/in-review/README.md', planText({ title: 'In review', status: 'in_review' }));
  write(root, 'spec/plans/frozen/README.md', planText({ title: 'Frozen', status: 'approved' }));
  write(root, '.specscore/work-items.yaml', 'items:\n  - { id: T-1, plan: user-auth, step: "1", status: in_progress, updated: 2026-03-20 }\n');
  write(
    root,
    'import-source.md',
    '# Add batch mode\n\n## Purpose / Big Picture\n\nRun many.\n\n## Progress\n\n- [ ] Parse the batch file\n- [ ] Run each item\n',
  );
  if (opts.symlinks !== false) {
    symlinkSync(path.join(outside, 'evil-plan'), path.join(root, 'spec/plans/evil-link'), 'dir');
    symlinkSync(path.join(outside, 'evil-feature'), path.join(root, 'spec/features/evil-link'), 'dir');
    symlinkSync(path.join(outside, 'evil-proposal'), path.join(root, 'spec/features/cli/proposals/evil-link'), 'dir');
    symlinkSync(outside, path.join(root, 'spec/evil-dir'), 'dir');
  }
  if (opts.git !== false) {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.name', 'Test');
    git(root, 'config', 'user.email', 'test@example.com');
    git(root, 'config', 'commit.gpgsign', 'false');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'fixture');
  }
  return { base, root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export { buildAll, type Built } from './built-cli.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  signal?: NodeJS.Signals | null;
}

/** Run a built script as a child process. */
export function run(
  script: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], { cwd: opts.cwd ?? os.tmpdir(), env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, signal });
    });
  });
}

/** A clear error: one message on stderr, no stack trace, not reported as an internal bug. */
export function isCleanError(r: RunResult): boolean {
  return r.stderr.trim().length > 0 && !/\n\s+at .+:\d+:\d+/.test(r.stderr) && !/unexpected error/.test(r.stderr);
}
