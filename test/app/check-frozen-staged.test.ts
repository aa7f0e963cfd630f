/**
 * `check-frozen --staged` is the pre-commit hook: with nothing staged under spec/plans it answers
 * from two git processes; anything else (a staged plan, no commit yet, a shallow clone) gives the
 * same result as the careful path.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFrozen } from '../../src/app/check-frozen.js';
import { git } from '../support/git.js';
import { removeRepo, tempDir } from '../support/repo.js';
import { commit, edit, freezeRepo, type FreezeRepo } from '../support/security-freeze-repo.js';

const HAND = 'spec/plans/hand/README.md';
const repos: FreezeRepo[] = [];
const temps: string[] = [];
afterAll(() => {
  repos.forEach((r) => r.cleanup());
  temps.forEach(removeRepo);
});

function handRepo(): string {
  const r = freezeRepo({ hand: true });
  repos.push(r);
  return r.root;
}

// A `git` first on PATH that logs each invocation's arguments, then runs the real git.
let log = '';
let savedPath: string | undefined;
beforeEach(() => {
  const bin = tempDir('specplan-git-log-');
  temps.push(bin);
  log = path.join(bin, 'calls.log');
  writeFileSync(log, '');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
});
afterEach(() => {
  process.env.PATH = savedPath;
});
const gitCalls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);

describe('check-frozen --staged', () => {
  it('nothing staged under spec/plans: two git processes, nothing checked', async () => {
    const root = handRepo();
    edit(root, HAND, (t) => t.replace('- The thing is done', '- The thing is skipped')); // changed, not staged
    writeFileSync(log, '');
    const result = await checkFrozen(root, { staged: true });
    expect(result).toEqual({ mode: 'reject', staged: true, checked: [], unchecked: [], violations: [], shallow: false });
    expect(gitCalls()).toHaveLength(2);
    expect(gitCalls().some((c) => c.startsWith('diff --cached'))).toBe(true);
  });

  it('a staged change to an approved plan is still found', async () => {
    const root = handRepo();
    edit(root, HAND, (t) => t.replace('- The thing is done', '- The thing is skipped'));
    git(root, 'add', HAND);
    const result = await checkFrozen(root, { staged: true });
    expect(result.checked).toEqual(['hand']);
    expect(result.violations.map((v) => v.plan)).toEqual(['hand']);
  });

  it('a shallow clone with nothing staged says it is shallow', async () => {
    const origin = handRepo();
    commit(origin, 'second');
    const clone = path.join(tempDir('specplan-shallow-'), 'clone');
    temps.push(path.dirname(clone));
    git(path.dirname(clone), 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    const result = await checkFrozen(clone, { staged: true });
    expect(result.shallow).toBe(true);
    expect(result.checked).toEqual([]);
  });

  it('no commit yet: the careful path answers, as before', async () => {
    const r = freezeRepo({ git: false, hand: true });
    repos.push(r);
    git(r.root, 'init', '-q');
    const result = await checkFrozen(r.root, { staged: true });
    expect(result).toEqual({ mode: 'reject', staged: true, checked: [], unchecked: [], violations: [], shallow: false });
  });
});
