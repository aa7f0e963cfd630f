import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, commitAll, git, health, makeRepo, read, removeRepo, runCli, runInProcess, writeFile } from '../support/lifecycle-helpers.js';
import { tempCopy } from '../support/repo.js';

let cli: ReturnType<typeof buildCli>;
const roots: string[] = [];
const repo = (opts?: Parameters<typeof makeRepo>[0]) => {
  const r = makeRepo(opts);
  roots.push(r);
  return r;
};
const run = (root: string, ...args: string[]) => runCli(cli.script, root, args);
const ip = (root: string, ...args: string[]) => runInProcess(root, args);
const PLAN = 'spec/plans/batch/README.md';

beforeAll(() => {
  cli = buildCli();
});
afterAll(() => {
  cli?.cleanup();
  roots.forEach(removeRepo);
});

/** One prepared repository per set of options, copied for each test that asks for it. */
const approvedTemplates = new Map<string, Promise<string>>();

/** A repository with plan `batch` approved (and committed when it is a git repository): a fresh copy of one prepared per options. */
async function approvedRepo(opts: Parameters<typeof makeRepo>[0] = {}): Promise<string> {
  const key = JSON.stringify(opts);
  if (!approvedTemplates.has(key)) approvedTemplates.set(key, prepareApproved(opts));
  const root = tempCopy(await approvedTemplates.get(key)!, 'specplan-lc-');
  roots.push(root);
  return root;
}

async function prepareApproved(opts: NonNullable<Parameters<typeof makeRepo>[0]>): Promise<string> {
  const root = repo(opts);
  for (const args of [
    ['new', 'batch', '--title', 'Batch', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-14'],
    ['new', 'batch-v2', '--title', 'Batch v2', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-20'],
    ['submit', 'batch'],
    ['approve', 'batch', '--approver', '@jordan', '--date', '2026-03-15'],
  ]) {
    const r = await ip(root, ...args);
    expect([args, r.code, r.stderr]).toEqual([args, 0, '']);
  }
  if (opts.git !== false) commitAll(root, 'approve batch');
  return root;
}

const editSteps = (root: string) =>
  writeFile(root, PLAN, read(root, PLAN).replace('TODO: what this step delivers and why it comes first.', 'Parse the batch file line by line.'));
const setMode = (root: string, mode: string) =>
  writeFile(root, 'specscore.yaml', `planning:\n  enforce_freeze: ${mode}\n  lint:\n    rules:\n      plan/template-placeholders: "off"\n`);

describe('specplan check-frozen', () => {
  it("catches a hand edit to an approved plan's Steps (reject: exit 1, plan and section named)", async () => {
    const root = await approvedRepo({ enforceFreeze: 'reject' });
    expect(run(root, 'check-frozen').code).toBe(0);
    editSteps(root);
    const r = run(root, 'check-frozen');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^spec\/plans\/batch\/README\.md:\d+:1 error freeze\/changed approved plan batch changed since approval commit [0-9a-f]{12} of \d{4}-\d\d-\d\d: Steps \("1\. First step" edited\)$/m,
    );
    expect(r.stdout).toContain('1 approved plan checked, 1 changed since approval');
    expect(r.stderr).toContain('1 approved plan changed since approval (batch)');
    const json = JSON.parse((await ip(root, 'check-frozen', '--json')).stdout);
    expect(json).toMatchObject({
      mode: 'reject',
      ok: false,
      checked: ['batch'],
      violations: [{ plan: 'batch', baseline: { kind: 'git' }, changes: [{ section: 'Steps', details: ['"1. First step" edited'] }] }],
    });
  });

  it('honours enforce_freeze: warn reports and exits 0, off checks nothing', async () => {
    const root = await approvedRepo({ enforceFreeze: 'warn' });
    editSteps(root);
    const warn = await ip(root, 'check-frozen');
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/warning freeze\/changed approved plan batch .*Steps/);
    setMode(root, 'off');
    const off = await ip(root, 'check-frozen');
    expect([off.code, off.stdout]).toEqual([0, 'check-frozen: planning.enforce_freeze is off; nothing was checked\n']);
  });

  it('names header edits and an un-approval, and allows supersession', async () => {
    const root = await approvedRepo({ enforceFreeze: 'reject' });
    writeFile(root, PLAN, read(root, PLAN).replace('**Approver:** @jordan', '**Approver:** @mallory').replace('**Status:** approved', '**Status:** draft'));
    const r = await ip(root, 'check-frozen');
    expect(r.code).toBe(1);
    const statusLine = read(root, PLAN).split('\n').indexOf('**Status:** draft') + 1;
    expect(r.stdout).toContain(`spec/plans/batch/README.md:${statusLine}:1 error freeze/changed approved plan batch changed since approval commit`);
    expect(r.stdout).toContain('Header (Status changed to draft; an approved plan may only become superseded; "Approver" edited)');
    git(root, 'checkout', '--', PLAN);
    const s = await ip(root, 'supersede', 'batch', '--by', 'batch-v2');
    expect(s.code).toBe(0);
    commitAll(root, 'supersede');
    const after = run(root, 'check-frozen');
    expect([after.code, after.stdout]).toEqual([0, '1 approved plan checked, 0 changed since approval\n']);
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('catches a deleted approved plan', async () => {
    const root = await approvedRepo({ enforceFreeze: 'reject' });
    rmSync(path.join(root, 'spec/plans/batch'), { recursive: true });
    const r = await ip(root, 'check-frozen');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('document (plan deleted; an approved plan stays as a historical record)');
  });

  it('without git, compares with the fingerprint recorded at approval', async () => {
    const root = await approvedRepo({ enforceFreeze: 'reject', git: false });
    expect((await ip(root, 'check-frozen')).code).toBe(0);
    editSteps(root);
    const r = run(root, 'check-frozen');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('approved plan batch changed since the fingerprint recorded at approval on 2026-03-15: Steps ("1. First step" edited)');
    // A plan approved by hand, with no record, cannot be checked: said, not failed.
    writeFile(root, PLAN.replace('batch', 'batch-v2'), read(root, PLAN.replace('batch', 'batch-v2')).replace('**Status:** draft', '**Status:** approved'));
    const j = JSON.parse((await ip(root, 'check-frozen', '--json')).stdout);
    expect(j.unchecked).toEqual([{ plan: 'batch-v2', reason: 'no approval commit in the git history and no fingerprint in .specscore/approvals.json' }]);
    expect(existsSync(path.join(root, '.git'))).toBe(false);
  });

  it('--staged checks the git index, not the work tree', async () => {
    const root = await approvedRepo({ enforceFreeze: 'reject' });
    const approved = read(root, PLAN);
    editSteps(root);
    git(root, 'add', PLAN);
    writeFile(root, PLAN, approved);
    expect((await ip(root, 'check-frozen')).code).toBe(0);
    const staged = run(root, 'check-frozen', '--staged');
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain('1 approved plan checked (staged), 1 changed since approval');
    expect(staged.stdout).toContain('Steps ("1. First step" edited)');
  });

  it('every writing command refuses to change an approved plan', async () => {
    const root = await approvedRepo({ enforceFreeze: 'warn' });
    const { runOperation } = await import('../../src/app/unit-of-work.js');
    const edit = runOperation(
      root,
      (ctx) => {
        const e = ctx.repo.plans.get('batch')!;
        return {
          changes: [
            {
              file: e.file,
              before: e.text,
              content: e.text.replace('## Outstanding Questions', '## Risks and open decisions\n\n- new risk\n\n## Outstanding Questions'),
            },
          ],
          result: null,
        };
      },
      { today: '2026-04-01' },
    );
    await expect(edit).rejects.toThrow('refusing to change approved plan batch: Risks and open decisions (section added)');
    const unapprove = runOperation(
      root,
      (ctx) => {
        const e = ctx.repo.plans.get('batch')!;
        return { changes: [{ file: e.file, before: e.text, content: e.text.replace('**Status:** approved', '**Status:** draft') }], result: null };
      },
      { today: '2026-04-01' },
    );
    await expect(unapprove).rejects.toThrow('refusing to change the status of approved plan batch to draft');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('a spec root below the top of the git work tree', () => {
  it('finds the approval commit, a deleted plan, and installs the hook with the relative root', async () => {
    const top = repo({ git: false });
    const root = path.join(top, 'docs');
    cpSync(path.join(top, 'spec'), path.join(root, 'spec'), { recursive: true });
    rmSync(path.join(top, 'spec'), { recursive: true });
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  enforce_freeze: reject\n  lint:\n    rules:\n      plan/template-placeholders: "off"\n');
    git(top, 'init', '-q', '-b', 'main');
    git(top, 'config', 'user.name', 'T');
    git(top, 'config', 'user.email', 't@example.com');
    for (const args of [
      ['new', 'batch', '--title', 'B', '--author', '@a', '--feature', 'cli'],
      ['submit', 'batch'],
      ['approve', 'batch', '--approver', '@j'],
    ]) {
      expect((await ip(root, ...args)).code).toBe(0);
    }
    commitAll(top, 'approved in docs/');
    editSteps(root);
    const r = await ip(root, 'check-frozen');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/approved plan batch changed since approval commit [0-9a-f]{12} .*Steps/);
    rmSync(path.join(root, 'spec/plans/batch'), { recursive: true });
    expect((await ip(root, 'check-frozen')).stdout).toContain('plan deleted');
    expect((await ip(root, 'hooks', 'install')).code).toBe(0);
    expect(readFileSync(path.join(top, '.git/hooks/pre-commit'), 'utf8')).toContain('specplan_root="$(git rev-parse --show-toplevel)/docs"');
  });
});

describe('specplan hooks install: the pre-commit hook', () => {
  it("rejects a commit that edits an approved plan's Steps (enforce_freeze: reject); allows supersession", async () => {
    const root = await approvedRepo({ enforceFreeze: 'reject' });
    const inst = run(root, 'hooks', 'install');
    expect(inst.code).toBe(0);
    const hook = path.join(root, '.git/hooks/pre-commit');
    expect(inst.stdout).toBe(`pre-commit hook created: ${hook}\n`);
    expect(readFileSync(hook, 'utf8')).toContain(`'${cli.script}' check-frozen --staged`);
    expect(run(root, 'hooks', 'install').stdout).toContain('pre-commit hook unchanged');

    editSteps(root);
    git(root, 'add', '-A');
    const commit = spawnSync('git', ['commit', '-m', 'sneaky edit'], { cwd: root, encoding: 'utf8' });
    expect(commit.status).toBe(1);
    expect(commit.stdout + commit.stderr).toMatch(
      /error freeze\/changed approved plan batch changed since approval commit [0-9a-f]{12} .*: Steps \("1\. First step" edited\)/,
    );
    expect(git(root, 'log', '--format=%s', '-1').trim()).toBe('approve batch');

    git(root, 'reset', '-q', '--hard');
    const s = await ip(root, 'supersede', 'batch', '--by', 'batch-v2');
    expect(s.code).toBe(0);
    git(root, 'add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'supersede batch'], { cwd: root });
    expect(git(root, 'log', '--format=%s', '-1').trim()).toBe('supersede batch');
  });

  it('catches an edit made after `approve` and before the approval is committed (fingerprint)', async () => {
    const root = repo({ enforceFreeze: 'reject' });
    for (const args of [
      ['new', 'batch', '--title', 'B', '--author', '@a', '--feature', 'cli'],
      ['submit', 'batch'],
    ])
      expect((await ip(root, ...args)).code).toBe(0);
    commitAll(root, 'draft');
    expect(run(root, 'hooks', 'install').code).toBe(0);
    expect((await ip(root, 'approve', 'batch', '--approver', '@j')).code).toBe(0);
    editSteps(root);
    git(root, 'add', '-A');
    const commit = spawnSync('git', ['commit', '-m', 'approve with edit'], { cwd: root, encoding: 'utf8' });
    expect(commit.status).toBe(1);
    // git shows a hook's output on stderr.
    expect(commit.stderr).toMatch(
      /approved plan batch changed since the fingerprint recorded at approval on \d{4}-\d\d-\d\d: Steps \("1\. First step" edited\)/,
    );
  });

  it('keeps an existing shell hook (block inserted after #!), refuses another language, uninstalls cleanly', async () => {
    const root = repo({ enforceFreeze: 'reject' });
    const hook = path.join(root, '.git/hooks/pre-commit');
    const original = '#!/bin/sh\necho "lint ran" > .hook-ran\nexit 0\n';
    writeFileSync(hook, original);
    chmodSync(hook, 0o755);
    const r = run(root, 'hooks', 'install');
    expect(r.stdout).toContain('pre-commit hook added');
    const text = readFileSync(hook, 'utf8');
    expect(text.startsWith('#!/bin/sh\n# >>> specscore-plans')).toBe(true);
    expect(text.endsWith('# <<< specscore-plans: check-frozen <<<\necho "lint ran" > .hook-ran\nexit 0\n')).toBe(true);
    writeFile(root, 'notes.txt', 'x');
    git(root, 'add', 'notes.txt');
    execFileSync('git', ['commit', '-q', '-m', 'notes'], { cwd: root });
    expect(existsSync(path.join(root, '.hook-ran'))).toBe(true);
    const un = run(root, 'hooks', 'uninstall');
    expect(un.code).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe(original);

    const py = '#!/usr/bin/env python3\nprint("hi")\n';
    writeFileSync(hook, py);
    const refused = await ip(root, 'hooks', 'install');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists and is not a shell script, so it was left as it is');
    expect(readFileSync(hook, 'utf8')).toBe(py);
  });

  it('refuses a core.hooksPath outside the repository (shared hooks are not ours to change)', async () => {
    const root = repo();
    const shared = repo({ git: false });
    git(root, 'config', 'core.hooksPath', path.join(shared, 'hooks'));
    const r = await ip(root, 'hooks', 'install');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`git's hooks folder for this repository is ${path.join(shared, 'hooks')} (core.hooksPath), outside the repository`);
    expect(existsSync(path.join(shared, 'hooks'))).toBe(false);
    git(root, 'config', 'core.hooksPath', '.githooks');
    expect((await ip(root, 'hooks', 'install')).stdout).toBe(`pre-commit hook created: ${path.join(root, '.githooks/pre-commit')}\n`);
  });

  it('refuses outside a git repository', async () => {
    const root = repo({ git: false });
    const r = await ip(root, 'hooks', 'install');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not inside a git repository');
  });
});
