import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { planText, run, write, type RunResult } from './hardening-helpers.js';
import { git, gitInit } from './git.js';
import { removeRepo, tempCopy } from './repo.js';
import type { Built } from './cli.js';
import { runCli } from './cli.js';

/** A temporary spec repository for the freeze attacks. */
export interface FreezeRepo {
  /** The spec root (and git work tree). */
  root: string;
  /** The temp folder holding it. */
  base: string;
  cleanup(): void;
}

const FEATURE = '# Feature: CLI\n\n**Status:** Approved\n\n## Summary\n\nThe command line.\n\n## Outstanding Questions\n\nNone at this time.\n';

/**
 * A spec repository with feature `cli`, `planning.enforce_freeze: reject`, and (unless
 * `git: false`) a real git repository with one commit. `hand` adds plan `hand`, approved by
 * editing its Status (no record in approvals.json), committed with the rest.
 */
export function freezeRepo(opts: { git?: boolean; hand?: boolean } = {}): FreezeRepo {
  const base = mkdtempSync(path.join(os.tmpdir(), 'specplan-freeze-'));
  const root = path.join(base, 'root');
  write(
    root,
    'specscore.yaml',
    'project: freeze\nplanning:\n  enforce_freeze: reject\n  llm:\n    provider: none\n  lint:\n    rules:\n      plan/template-placeholders: "off"\n',
  );
  write(root, 'spec/features/cli/README.md', FEATURE);
  if (opts.hand) write(root, 'spec/plans/hand/README.md', planText({ title: 'Hand', status: 'approved' }));
  if (opts.git !== false) {
    gitInit(root, { commit: false });
    commit(root, 'spec');
  }
  return { base, root, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** A copy of `r` (work tree, git repository and hooks) in a temp folder of its own. */
export function copyFreezeRepo(r: FreezeRepo): FreezeRepo {
  const base = tempCopy(r.base, 'specplan-freeze-');
  return { base, root: path.join(base, path.relative(r.base, r.root)), cleanup: () => removeRepo(base) };
}

/** Stage everything and commit without running hooks (what an attacker does). */
export function commit(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-verify', '--allow-empty', '-m', message);
}

/** Stage everything and commit through the installed pre-commit hook. */
export function commitWithHooks(root: string, message: string): { code: number; output: string } {
  git(root, 'add', '-A');
  const r = spawnSync('git', ['commit', '-m', message], { cwd: root, encoding: 'utf8' });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** Run a setup command in-process (fast); it must succeed. */
export async function setup(root: string, ...args: string[]): Promise<void> {
  const r = await runCli([...args, '--root', root], {}, root);
  expect([args, r.code, r.stderr]).toEqual([args, 0, '']);
}

/** Create plan `slug` with the tool, submit and approve it (recorded in approvals.json). */
export async function approveWithTool(root: string, slug: string): Promise<void> {
  await setup(root, 'new', slug, '--title', `Plan ${slug}`, '--author', '@alex', '--feature', 'cli', '--date', '2026-03-01');
  await setup(root, 'submit', slug);
  await setup(root, 'approve', slug, '--approver', '@jordan', '--date', '2026-03-02');
}

/** Run the built `specplan` as a child process, as CI and the hook do. */
export function specplan(built: Built, root: string, ...args: string[]): Promise<RunResult> {
  return run(built.specplan, [...args, '--root', root], { cwd: root, timeoutMs: 15_000 });
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

/** Rewrite a file; the replacement must change it. */
export function edit(root: string, rel: string, change: (text: string) => string): void {
  const before = read(root, rel);
  const after = change(before);
  expect(after).not.toBe(before);
  write(root, rel, after);
}

/** A step edit that keeps the document well formed. */
const STEP_TEXT = 'TODO: what this step delivers and why it comes first.';
export const editStep = (text: string) => text.replace(STEP_TEXT, 'Skip the review and ship on Friday.');
