import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackedPrint } from '../../src/repo/tracked-print.js';
import { commitAll, git, gitInit } from '../support/git.js';
import { tempDir, write } from '../support/repo.js';

const PRINT = /^[0-9a-f]{32}$/;

/** A committed repository with two plans (one with a child), a feature with a proposal, an index and a report. */
function repo(dir = tempDir('tracked-print-'), init = true): string {
  write(dir, 'spec/plans/README.md', '# Plans\n');
  write(dir, 'spec/plans/WHATS-NEXT.md', '# What to work on next\n');
  write(dir, 'spec/plans/a/README.md', '# Plan: A\n');
  write(dir, 'spec/plans/a/child/README.md', '# Plan: Child\n');
  write(dir, 'spec/plans/b/README.md', '# Plan: B\n');
  write(dir, 'spec/features/f/README.md', '# Feature: F\n');
  write(dir, 'spec/features/f/proposals/p/README.md', '# Proposal: P\n');
  if (init) gitInit(dir);
  return dir;
}

describe('the tracked print of the plan and feature READMEs', () => {
  it('is the same while nothing an input changed, and follows what is committed or staged', async () => {
    const root = repo();
    const first = await trackedPrint(root);
    expect(first).toMatch(PRINT);
    // Files that are not inputs of the report: the report, the plans index, notes, untracked or changed.
    write(root, 'spec/plans/WHATS-NEXT.md', '# Rewritten\n');
    write(root, 'spec/plans/README.md', '# Plans, reindexed\n');
    write(root, 'spec/plans/a/notes.txt', 'scratch\n');
    expect(await trackedPrint(root)).toBe(first);

    appendFileSync(path.join(root, 'spec/plans/a/README.md'), 'More.\n');
    git(root, 'add', 'spec/plans/a/README.md'); // staged: the index holds the new text, the work tree matches it
    const staged = await trackedPrint(root);
    expect(staged).toMatch(PRINT);
    expect(staged).not.toBe(first);
    commitAll(root, 'edit a');
    expect(await trackedPrint(root)).toBe(staged);
  });

  it.each([
    ['a README changed in the work tree', (r: string) => appendFileSync(path.join(r, 'spec/features/f/README.md'), 'x\n')],
    ['a README changed with its size kept', (r: string) => write(r, 'spec/plans/b/README.md', '# Plan: C\n')],
    ['a README deleted', (r: string) => rmSync(path.join(r, 'spec/plans/a/child/README.md'))],
    ['a new untracked plan', (r: string) => write(r, 'spec/plans/c/README.md', '# Plan: C\n')],
    ['a new untracked child folder', (r: string) => mkdirSync(path.join(r, 'spec/plans/b/kid/deeper'), { recursive: true })],
    [
      'an ignored README',
      (r: string) => {
        write(r, '.gitignore', 'spec/plans/hidden/\n');
        write(r, 'spec/plans/hidden/README.md', '# Plan: Hidden\n');
      },
    ],
    ['a README git is told to assume unchanged', (r: string) => git(r, 'update-index', '--assume-unchanged', 'spec/plans/b/README.md')],
    ['a README marked skip-worktree', (r: string) => git(r, 'update-index', '--skip-worktree', 'spec/plans/b/README.md')],
  ])('is - (nothing to compare by) with %s', async (_what, change) => {
    const root = repo();
    expect(await trackedPrint(root)).toMatch(PRINT);
    change(root);
    expect(await trackedPrint(root)).toBe('-');
  });

  it('is - outside a git repository, and is taken from a spec root below the top of the work tree', async () => {
    const plain = tempDir('tracked-print-plain-');
    write(plain, 'spec/plans/a/README.md', '# Plan: A\n');
    expect(await trackedPrint(plain)).toBe('-');

    const top = tempDir('tracked-print-top-');
    const root = path.join(top, 'docs');
    mkdirSync(root);
    repo(root, false);
    write(top, 'spec/plans/outside/README.md', '# Not under the spec root\n');
    gitInit(top);
    const print = await trackedPrint(root);
    expect(print).toMatch(PRINT);
    // The same READMEs committed at the top of their own repository give the same print.
    expect(await trackedPrint(repo())).toBe(print);
  });
});
