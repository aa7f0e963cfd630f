/**
 * When git refuses or fails, `check-frozen` is an error (exit 2, what git said and what to do),
 * never a pass; outside any git repository it falls back to the recorded fingerprints.
 */
import { chownSync, lstatSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, isCleanError } from '../support/hardening-helpers.js';
import { buildAll, type Built } from '../support/cli.js';
import { approveWithTool, commit, edit, editStep, freezeRepo, specplan, type FreezeRepo } from '../support/security-freeze-repo.js';

let built: Built;
const repos: FreezeRepo[] = [];
beforeAll(() => {
  built = buildAll();
}, 120_000);
afterAll(() => repos.forEach((r) => r.cleanup()));

const HAND = 'spec/plans/hand/README.md';
const editHand = (t: string) => t.replace('- The thing is done', '- The thing is skipped');

/** A repository whose hand-approved plan `hand` is edited in the work tree (a violation). */
function editedRepo(): string {
  const r = freezeRepo({ hand: true });
  repos.push(r);
  edit(r.root, HAND, editHand);
  return r.root;
}

function chownTree(p: string, uid: number): void {
  chownSync(p, uid, uid);
  if (lstatSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), uid);
}

describe('git refuses or fails', () => {
  it.skipIf(process.getuid?.() !== 0)('a repository owned by another user ("dubious ownership"): exit 2 naming safe.directory', async () => {
    const root = editedRepo();
    expect((await specplan(built, root, 'check-frozen')).code).toBe(1);
    chownTree(root, 65534);
    for (const args of [['check-frozen'], ['check-frozen', '--staged']]) {
      const r = await specplan(built, root, ...args);
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(isCleanError(r), r.stderr).toBe(true);
      expect(r.stderr).toContain('dubious ownership');
      expect(r.stderr).toContain(`git config --global --add safe.directory '${root}'`);
      expect(r.stdout).toBe('');
    }
  });

  it('a corrupt .git/HEAD: exit 2, not a fallback to "no git"', async () => {
    const root = editedRepo();
    writeFileSync(path.join(root, '.git/HEAD'), 'garbage\n');
    const r = await specplan(built, root, 'check-frozen');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(isCleanError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/^specplan: git cannot use the repository at .*: .*not a git repository/);
  });

  it('an object missing from the history: exit 2, not "no approval commit"', async () => {
    const root = editedRepo();
    const blob = git(root, 'rev-parse', `HEAD:${HAND}`).trim();
    unlinkSync(path.join(root, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    const r = await specplan(built, root, 'check-frozen');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(isCleanError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/^specplan: git failed in .*: /);
  });
});

describe('outside any git repository', () => {
  it('compares with the recorded fingerprint as before (exit 0 clean, 1 edited)', async () => {
    const r = freezeRepo({ git: false });
    repos.push(r);
    await approveWithTool(r.root, 'batch');
    expect((await specplan(built, r.root, 'check-frozen')).code).toBe(0);
    edit(r.root, 'spec/plans/batch/README.md', editStep);
    const edited = await specplan(built, r.root, 'check-frozen');
    expect(edited.code, edited.stderr).toBe(1);
    expect(edited.stdout).toContain('changed since the fingerprint recorded at approval on 2026-03-02');
  });
});

describe('a shallow clone', () => {
  it('is checked, and says that hand approvals may be missed', async () => {
    const r = freezeRepo({ hand: true });
    repos.push(r);
    await approveWithTool(r.root, 'batch');
    commit(r.root, 'approve batch');
    const clone = path.join(r.base, 'clone');
    git(r.base, 'clone', '-q', '--depth', '1', `file://${r.root}`, clone);
    const ci = await specplan(built, clone, 'check-frozen');
    expect(ci.code, ci.stderr).toBe(0);
    expect(ci.stdout).toMatch(/warning freeze\/shallow-history .*fetch-depth: 0/);
  });
});
