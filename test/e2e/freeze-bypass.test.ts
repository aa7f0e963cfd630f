/**
 * Attacks on the freeze of approved plans, each on a real temporary git repository with real
 * commits; the hook and CI claims run the built CLI as a child process.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freezeSnapshot } from '../../src/lifecycle/freeze.js';
import { git, isCleanError, planText, write } from '../support/hardening-helpers.js';
import { buildAll, type Built } from '../support/cli.js';
import {
  approveWithTool,
  commit,
  commitWithHooks,
  copyFreezeRepo,
  edit,
  editStep,
  freezeRepo,
  read,
  setup,
  specplan,
  type FreezeRepo,
} from '../support/security-freeze-repo.js';

let built: Built;
const repos: FreezeRepo[] = [];
beforeAll(() => {
  built = buildAll();
}, 120_000);
afterAll(() => repos.forEach((r) => r.cleanup()));

/** Install the pre-commit hook with the built CLI, so that the hook runs it. */
async function installHook(root: string): Promise<void> {
  const r = await specplan(built, root, 'hooks', 'install');
  expect(r.code, r.stderr).toBe(0);
}

function repo(opts: Parameters<typeof freezeRepo>[0] = {}): string {
  const r = freezeRepo(opts);
  repos.push(r);
  return r.root;
}

const BATCH = 'spec/plans/batch/README.md';
const HAND = 'spec/plans/hand/README.md';
const SUPERSEDED_BY = '**Superseded by:** [next](../next/)';
const SMUGGLED = [
  SUPERSEDED_BY,
  'The parser is now written in Rust, reviewed by nobody.',
  '| Step | Owner |',
  '|---|---|',
  '| 9 | @eve |',
  '### 9. Ship without review',
].join('\n');
const editHand = (t: string) => t.replace('- The thing is done', '- The thing is skipped');

let superseded: FreezeRepo | null = null;

/**
 * `batch` approved with the tool and superseded by `next`, committed; the hook installed. Built
 * once; each test gets a copy of its own.
 */
async function supersededRepo(): Promise<string> {
  if (!superseded) {
    superseded = freezeRepo();
    repos.push(superseded);
    const root = superseded.root;
    await approveWithTool(root, 'batch');
    commit(root, 'approve batch');
    await setup(root, 'new', 'next', '--title', 'Next', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-05');
    await setup(root, 'supersede', 'batch', '--by', 'next');
    commit(root, 'supersede batch');
    await installHook(root);
    expect(read(root, BATCH)).toContain(SUPERSEDED_BY);
  }
  const copy = copyFreezeRepo(superseded);
  repos.push(copy);
  return copy.root;
}

describe('every line after **Superseded by:** is frozen', () => {
  it('a paragraph, a table and a step smuggled after the field are rejected by the hook and by CI', async () => {
    const root = await supersededRepo();
    edit(root, BATCH, (t) => t.replace(SUPERSEDED_BY, SMUGGLED));
    const hook = commitWithHooks(root, 'sneak a step in');
    expect(hook.code, hook.output).toBe(1);
    expect(hook.output).toMatch(/error freeze\/changed approved plan batch changed since .*Header \(.*Superseded by/);
    commit(root, 'sneak a step in');
    const ci = await specplan(built, root, 'check-frozen');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    expect(ci.stdout).toMatch(/^spec\/plans\/batch\/README\.md:\d+:1 error freeze\/changed approved plan batch changed since/m);
  });

  it('a plan approved and superseded by hand (git history only) is caught the same way', async () => {
    const root = repo({ hand: true });
    edit(root, HAND, (t) => t.replace('**Status:** approved', '**Status:** superseded').replace('**Impact:** medium', `**Impact:** medium\n${SMUGGLED}`));
    commit(root, 'supersede hand with a smuggled step');
    const ci = await specplan(built, root, 'check-frozen');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    expect(ci.stdout).toMatch(/approved plan hand changed since approval commit [0-9a-f]{12}/);
  });

  it('the tools refuse to write lines after the field of a superseded plan', async () => {
    const root = await supersededRepo();
    const { runOperation } = await import('../../src/app/unit-of-work.js');
    const op = runOperation(
      root,
      (ctx) => {
        const e = ctx.repo.plans.get('batch')!;
        return { changes: [{ file: e.file, before: e.text, content: e.text.replace(SUPERSEDED_BY, SMUGGLED) }], result: null };
      },
      { today: '2026-04-01' },
    );
    await expect(op).rejects.toThrow(/refusing to change superseded plan batch/);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('approvals.json is authoritative for the plans it lists', () => {
  it('approved → draft (edited) → approved in --no-verify commits fails CI', async () => {
    const root = repo();
    await approveWithTool(root, 'batch');
    commit(root, 'approve batch');
    edit(root, BATCH, (t) => editStep(t.replace('**Status:** approved', '**Status:** draft')));
    commit(root, 'rework batch');
    edit(root, BATCH, (t) => t.replace('**Status:** draft', '**Status:** approved'));
    commit(root, 'approve batch again');
    const ci = await specplan(built, root, 'check-frozen', '--json');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    const j = JSON.parse(ci.stdout);
    // Compared with the recorded content, which the first approval commit holds (so it is named).
    expect(j.violations).toMatchObject([
      {
        plan: 'batch',
        baseline: { kind: 'git', commit: git(root, 'rev-list', '--max-count=1', 'HEAD~2').slice(0, 12) },
        changes: [{ section: 'Steps', details: ['"1. First step" edited'] }],
      },
    ]);
  });

  it('a listed plan whose Status was flipped back by hand is a violation, and the tool will not approve it again', async () => {
    const root = repo();
    await approveWithTool(root, 'batch');
    commit(root, 'approve batch');
    const approvals = read(root, '.specscore/approvals.json');
    edit(root, BATCH, (t) => editStep(t.replace('**Status:** approved', '**Status:** in_review')));
    commit(root, 'back to review');
    const flipped = await specplan(built, root, 'check-frozen');
    expect(flipped.code, flipped.stdout).toBe(1);
    expect(flipped.stdout).toContain('Status changed to in_review; an approved plan may only become superseded');
    const again = await specplan(built, root, 'approve', 'batch', '--approver', '@eve');
    expect(again.code, again.stdout + again.stderr).toBe(1);
    expect(isCleanError(again)).toBe(true);
    expect(again.stderr).toMatch(/plan batch was approved on 2026-03-02 with other content/);
    expect(read(root, '.specscore/approvals.json')).toBe(approvals);
  });

  it('the tools refuse to change a listed plan whose Status was set back by hand', async () => {
    const root = repo();
    await approveWithTool(root, 'batch');
    edit(root, BATCH, (t) => t.replace('**Status:** approved', '**Status:** draft'));
    commit(root, 'back to draft');
    const { runOperation } = await import('../../src/app/unit-of-work.js');
    const op = runOperation(
      root,
      (ctx) => {
        const e = ctx.repo.plans.get('batch')!;
        return { changes: [{ file: e.file, before: e.text, content: editStep(e.text) }], result: null };
      },
      { today: '2026-04-01' },
    );
    await expect(op).rejects.toThrow('refusing to change plan batch: it was approved on 2026-03-02 (recorded in .specscore/approvals.json)');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('an edit squashed into the approval commit fails CI', async () => {
    const root = repo();
    await setup(root, 'new', 'batch', '--title', 'Batch', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-01');
    await setup(root, 'submit', 'batch');
    commit(root, 'submit batch');
    await setup(root, 'approve', 'batch', '--approver', '@jordan', '--date', '2026-03-02');
    commit(root, 'approve batch');
    edit(root, BATCH, editStep);
    commit(root, 'tweak');
    git(root, 'reset', '-q', '--soft', 'HEAD~2');
    commit(root, 'approve batch');
    const ci = await specplan(built, root, 'check-frozen', '--json');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    expect(JSON.parse(ci.stdout).violations).toMatchObject([
      { plan: 'batch', baseline: { kind: 'fingerprint', date: '2026-03-02' }, changes: [{ section: 'Steps' }] },
    ]);
  });

  it('a hand-approved plan un-approved, edited and approved again (git history only) fails CI', async () => {
    const root = repo({ hand: true });
    edit(root, HAND, (t) => editHand(t.replace('**Status:** approved', '**Status:** draft')));
    commit(root, 'rework hand');
    edit(root, HAND, (t) => t.replace('**Status:** draft', '**Status:** approved'));
    commit(root, 'approve hand again');
    const ci = await specplan(built, root, 'check-frozen');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    expect(ci.stdout).toMatch(
      /approved plan hand changed since approval commit [0-9a-f]{12} .*Acceptance criteria|approved plan hand changed since approval commit [0-9a-f]{12} .*Steps/,
    );
  });
});

describe('moved and deleted approved plans', () => {
  it('a renamed approved plan fails CI and says where it went, edited or not', async () => {
    const root = repo();
    await approveWithTool(root, 'batch');
    commit(root, 'approve batch');
    git(root, 'mv', 'spec/plans/batch', 'spec/plans/batch-two');
    commit(root, 'rename batch');
    const moved = await specplan(built, root, 'check-frozen');
    expect(moved.code, moved.stdout + moved.stderr).toBe(1);
    expect(moved.stdout).toContain('approved plan batch changed since');
    expect(moved.stdout).toContain('plan moved to spec/plans/batch-two/README.md');
    edit(root, 'spec/plans/batch-two/README.md', editStep);
    commit(root, 'edit the moved plan');
    const edited = await specplan(built, root, 'check-frozen');
    expect(edited.code, edited.stdout + edited.stderr).toBe(1);
    expect(edited.stdout).toMatch(/plan moved to spec\/plans\/batch-two\/README\.md and changed there/);
  });

  it('deleting or renaming a hand-approved plan fails CI', async () => {
    const root = repo({ hand: true });
    write(root, 'spec/plans/other/README.md', planText({ title: 'Other', status: 'approved' }).replace('Other exists', 'Other really exists'));
    commit(root, 'approve other by hand');
    rmSync(path.join(root, 'spec/plans/hand'), { recursive: true });
    git(root, 'mv', 'spec/plans/other', 'spec/plans/other-renamed');
    edit(root, 'spec/plans/other-renamed/README.md', editHand);
    commit(root, 'remove hand, move other');
    const ci = await specplan(built, root, 'check-frozen', '--json');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    const j = JSON.parse(ci.stdout);
    expect(j.violations.map((v: { plan: string; baseline: { kind: string } }) => [v.plan, v.baseline.kind])).toEqual([
      ['hand', 'git'],
      ['other', 'git'],
    ]);
    expect(j.violations[0].changes[0].details[0]).toMatch(/^plan deleted/);
    expect(j.violations[1].changes[0].details[0]).toMatch(/^plan moved to spec\/plans\/other-renamed\/README\.md and changed there/);
  });
});

describe('plan folders named like Object.prototype members', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

  it('never crash the pre-commit hook or CI, and are checked like any other plan', async () => {
    const root = repo();
    await installHook(root);
    for (const n of NAMES) write(root, `spec/plans/${n}/README.md`, planText({ title: `Plan ${n}`, status: 'approved' }));
    const hook = commitWithHooks(root, 'approve four plans by hand');
    expect(hook.code, hook.output).toBe(0);
    for (const n of NAMES) edit(root, `spec/plans/${n}/README.md`, editHand);
    commit(root, 'edit them');
    const ci = await specplan(built, root, 'check-frozen', '--json');
    expect(ci.code, ci.stderr).toBe(1);
    expect(JSON.parse(ci.stdout).violations.map((v: { plan: string }) => v.plan)).toEqual([...NAMES].sort());
  });

  it('are compared with their records in approvals.json, git or not', async () => {
    for (const withGit of [false, true]) {
      const root = repo({ git: withGit });
      const plans: Record<string, unknown> = {};
      for (const n of NAMES) {
        const text = planText({ title: `Plan ${n}`, status: 'approved' });
        write(root, `spec/plans/${n}/README.md`, editHand(text));
        const snap = freezeSnapshot(text);
        Object.defineProperty(plans, n, {
          value: { approver: '@jordan', approved: '2026-03-02', fingerprint: snap.fingerprint, sections: snap.sections },
          enumerable: true,
        });
      }
      write(root, '.specscore/approvals.json', JSON.stringify({ version: 1, plans }, null, 2));
      if (withGit) commit(root, 'plans');
      const ci = await specplan(built, root, 'check-frozen', '--json');
      expect(ci.code, ci.stderr).toBe(1);
      const j = JSON.parse(ci.stdout);
      expect(j.violations.map((v: { plan: string }) => v.plan)).toEqual([...NAMES].sort());
      expect(j.violations.every((v: { baseline: { kind: string } }) => v.baseline.kind === 'fingerprint')).toBe(true);
    }
  });
});

describe('regressions the fixes must not cause', () => {
  it('text continuing the Status line is frozen too', async () => {
    const root = await supersededRepo();
    edit(root, BATCH, (t) => t.replace('**Status:** superseded', '**Status:** superseded\nApproved again by @eve; the steps below changed.'));
    commit(root, 'annotate status');
    const ci = await specplan(built, root, 'check-frozen');
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    expect(ci.stdout).toContain('approved plan batch changed since');
  });

  it('a tool-approved, superseded, untouched plan passes the hook and CI', async () => {
    const root = await supersededRepo();
    write(root, 'notes.txt', 'unrelated\n');
    expect(commitWithHooks(root, 'notes').code).toBe(0);
    const ci = await specplan(built, root, 'check-frozen');
    expect([ci.code, ci.stdout]).toEqual([0, '1 approved plan checked, 0 changed since approval\n']);
    expect(execFileSync('git', ['log', '--format=%s', '-1'], { cwd: root, encoding: 'utf8' }).trim()).toBe('notes');
  });
});
