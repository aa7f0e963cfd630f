import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/parse/plan.js';
import { parseProposal } from '../../src/parse/proposal.js';
import { buildCli, commitAll, git, health, makeRepo, read, removeRepo, runCli, runInProcess } from '../support/lifecycle-helpers.js';

let cli: ReturnType<typeof buildCli>;
const roots: string[] = [];
const repo = () => {
  const r = makeRepo();
  roots.push(r);
  return r;
};
const run = (root: string, ...args: string[]) => runCli(cli.script, root, args);
const ip = (root: string, ...args: string[]) => runInProcess(root, args);

beforeAll(() => {
  cli = buildCli();
});
afterAll(() => {
  cli?.cleanup();
  roots.forEach(removeRepo);
});

async function newPlan(root: string, slug: string, ...more: string[]) {
  const r = await ip(root, 'new', slug, '--title', `Plan ${slug}`, '--author', '@alex', '--date', '2026-03-14', ...(more.length ? more : ['--feature', 'cli']));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe('status transitions', () => {
  it('submit, revise, submit, approve: header lines, index, back-references and roadmap row follow', async () => {
    const root = repo();
    await newPlan(root, 'road', '--feature', 'chat');
    await newPlan(root, 'infra', '--parent', 'road', '--feature', 'chat');
    commitAll(root, 'plans');
    const planFile = 'spec/plans/road/infra/README.md';
    const original = read(root, planFile);

    const s = run(root, 'submit', 'road/infra');
    expect([s.code, s.stderr]).toEqual([0, '']);
    expect(s.stdout).toContain('submitted road/infra: draft → in_review');
    // One line in the plan and its roadmap row; the roadmap's derived status (all children in
    // review) changes in the index and the chat feature's Plans table as well.
    expect(git(root, 'diff', '--numstat').trim().split('\n').sort()).toEqual([
      '1\t1\tspec/plans/road/README.md',
      '1\t1\tspec/plans/road/infra/README.md',
      '2\t2\tspec/features/chat/README.md',
      '2\t2\tspec/plans/README.md',
    ]);
    expect(read(root, 'spec/plans/README.md')).toContain('| [road](road/) | in_review |');
    expect(read(root, planFile)).toBe(original.replace('**Status:** draft', '**Status:** in_review'));
    expect(parsePlan(read(root, 'spec/plans/road/README.md')).plan.childPlans?.[0]?.status).toBe('in_review');
    expect(read(root, 'spec/plans/README.md')).toContain('| &ensp;[infra](road/infra/) | in_review |');
    expect(read(root, 'spec/features/chat/README.md')).toContain('| [infra](../../plans/road/infra/) | in_review | @alex | — |');

    const r = run(root, 'revise', 'road/infra');
    expect(r.code).toBe(0);
    expect(read(root, planFile)).toBe(original);

    expect((await ip(root, 'submit', 'road/infra')).code).toBe(0);
    const a = run(root, 'approve', 'road/infra', '--approver', '@jordan', '--date', '2026-03-15', '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ plan: 'road/infra', from: 'in_review', to: 'approved', approver: '@jordan', approved: '2026-03-15' });
    const approved = read(root, planFile);
    // Approver goes after Author, Approved after Created: the seed's header order.
    expect(approved).toBe(
      original
        .replace('**Status:** draft', '**Status:** approved')
        .replace('**Author:** @alex\n', '**Author:** @alex\n**Approver:** @jordan\n')
        .replace('**Created:** 2026-03-14\n', '**Created:** 2026-03-14\n**Approved:** 2026-03-15\n'),
    );
    expect(JSON.parse(read(root, '.specscore/approvals.json')).plans['road/infra']).toMatchObject({ approver: '@jordan', approved: '2026-03-15' });
    expect(read(root, 'spec/plans/README.md')).toContain('| &ensp;[infra](road/infra/) | approved | — | chat | — | — | @alex | 2026-03-15 |');
    // The roadmap's status is derived: its only child is approved.
    expect(read(root, 'spec/plans/README.md')).toContain('| [road](road/) | approved |');
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('approve defaults the date to today, requires --approver and a real date', async () => {
    const root = repo();
    await newPlan(root, 'p');
    await ip(root, 'submit', 'p');
    commitAll(root, 'p');
    const missing = await ip(root, 'approve', 'p');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('approving plan p needs its approver: the seed format records who approved a plan');
    expect(missing.stderr).toContain('--approver @name');
    const bad = await ip(root, 'approve', 'p', '--approver', '@j', '--date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date "2026-02-30" is not a date');
    const early = await ip(root, 'approve', 'p', '--approver', '@j', '--date', '2026-03-01');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/cannot approve plan p: spec\/plans\/p\/README\.md has 1 lint error: .*Approved 2026-03-01 is before Created 2026-03-14/);
    expect(git(root, 'status', '--porcelain')).toBe('');
    const ok = await ip(root, 'approve', 'p', '--approver', '@j');
    expect(ok.code).toBe(0);
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(parsePlan(read(root, 'spec/plans/p/README.md')).plan.header.approved).toBe(today);
  });

  it('supersede: Superseded by is the last header field, the old plan keeps its content, the proposal link moves', async () => {
    const root = repo();
    await newPlan(root, 'batch-v1', '--proposal', 'cli/batch-mode');
    await ip(root, 'submit', 'batch-v1');
    await ip(root, 'approve', 'batch-v1', '--approver', '@jordan', '--date', '2026-03-15');
    await newPlan(root, 'batch-v2', '--proposal', 'cli/batch-mode');
    commitAll(root, 'v1 approved, v2 drafted');
    const proposalFile = 'spec/features/cli/proposals/batch-mode/README.md';
    expect(parseProposal(read(root, proposalFile)).proposal.plan?.href).toBe('../../../../plans/batch-v1/');
    const before = read(root, 'spec/plans/batch-v1/README.md');

    const noBy = await ip(root, 'supersede', 'batch-v1');
    expect(noBy.code).toBe(2);
    const missing = await ip(root, 'supersede', 'batch-v1', '--by', 'nope');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('successor plan nope does not exist')]);
    const self = await ip(root, 'supersede', 'batch-v1', '--by', 'batch-v1');
    expect([self.code, self.stderr]).toEqual([1, expect.stringContaining('cannot supersede itself')]);
    expect(git(root, 'status', '--porcelain')).toBe('');

    const r = run(root, 'supersede', 'batch-v1', '--by', 'batch-v2');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const after = read(root, 'spec/plans/batch-v1/README.md');
    const header = after.slice(0, after.indexOf('\n## '));
    expect(header.trimEnd().split('\n').at(-1)).toBe('**Superseded by:** [batch-v2](../batch-v2/)');
    expect(after.replace('**Status:** superseded', '**Status:** approved').replace('\n**Superseded by:** [batch-v2](../batch-v2/)', '')).toBe(before);
    expect(parseProposal(read(root, proposalFile)).proposal.plan?.href).toBe('../../../../plans/batch-v2/');
    const index = read(root, 'spec/plans/README.md');
    expect(index).toContain('| [batch-v1](batch-v1/) | superseded |');
    expect(index).toMatch(/## Recently Closed[\s\S]*\[batch-v1\]\(batch-v1\/\) \| superseded/);
    expect(await health(root)).toEqual({ problems: [], drift: [] });

    // A superseded plan is a historical record: every further transition is refused.
    const again = await ip(root, 'supersede', 'batch-v1', '--by', 'batch-v2');
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('its status is superseded')]);
  });

  it('rejects every transition the seed does not allow, naming the plan, its status and the allowed transitions', async () => {
    const root = repo();
    for (const s of ['d', 'r', 'a', 'x', 'succ']) await newPlan(root, s);
    await ip(root, 'submit', 'r');
    await ip(root, 'submit', 'a');
    await ip(root, 'approve', 'a', '--approver', '@j', '--date', '2026-03-15');
    await ip(root, 'supersede', 'x', '--by', 'succ');
    commitAll(root, 'four statuses');
    const expected: Array<[string, string[], string, string]> = [
      ['d', ['revise'], 'draft', 'allowed from draft: submit (draft → in_review), supersede (draft → superseded)'],
      ['d', ['approve', '--approver', '@j'], 'draft', 'allowed from draft: submit (draft → in_review), supersede (draft → superseded)'],
      ['r', ['submit'], 'in_review', 'allowed from in_review: revise (in_review → draft), approve (in_review → approved), supersede (in_review → superseded)'],
      ['a', ['submit'], 'approved', 'allowed from approved: supersede (approved → superseded)'],
      ['a', ['revise'], 'approved', 'allowed from approved: supersede (approved → superseded)'],
      ['a', ['approve', '--approver', '@k'], 'approved', 'allowed from approved: supersede (approved → superseded)'],
      ['x', ['submit'], 'superseded', 'no transition is allowed from superseded'],
      ['x', ['revise'], 'superseded', 'no transition is allowed from superseded'],
      ['x', ['approve', '--approver', '@k'], 'superseded', 'no transition is allowed from superseded'],
      ['x', ['supersede', '--by', 'd'], 'superseded', 'no transition is allowed from superseded'],
    ];
    const binary = run(root, 'revise', 'd');
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain('cannot revise plan d: its status is draft');
    for (const [plan, [action, ...rest], status, allowed] of expected) {
      const r = await ip(root, action!, plan, ...rest);
      expect({ plan, action, code: r.code }).toEqual({ plan, action, code: 1 });
      expect(r.stderr).toContain(`cannot ${action} plan ${plan}: its status is ${status}`);
      expect(r.stderr).toContain(allowed);
      expect(r.stdout).toBe('');
      expect(git(root, 'status', '--porcelain')).toBe('');
    }
    const unknown = await ip(root, 'submit', 'ghost');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('plan ghost does not exist')]);
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('a plan with lint errors is neither submitted nor approved (review gate)', async () => {
    const root = repo();
    await newPlan(root, 'broken');
    const file = 'spec/plans/broken/README.md';
    const { writeFile } = await import('../support/lifecycle-helpers.js');
    writeFile(root, file, read(root, file).replace('**Depends on:** (none)', '**Depends on:** Step 7'));
    commitAll(root, 'broken dependency');
    const r = await ip(root, 'submit', 'broken');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /cannot submit plan broken: spec\/plans\/broken\/README\.md has 1 lint error: spec\/plans\/broken\/README\.md:\d+:\d+ plan\/depends-on/,
    );
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('a roadmap waits for its draft children before approval', async () => {
    const root = repo();
    await newPlan(root, 'road', '--feature', 'chat');
    await newPlan(root, 'kid', '--parent', 'road', '--feature', 'chat');
    await ip(root, 'submit', 'road');
    const r = await ip(root, 'approve', 'road', '--approver', '@j');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('roadmap road cannot be approved while child plan road/kid is still draft');
    expect(r.stderr).toContain('specplan submit road/kid');
    expect(read(root, 'spec/plans/road/README.md')).toContain('**Status:** in_review');
  });

  it('child transitions leave an approved roadmap untouched', async () => {
    const root = repo();
    await newPlan(root, 'road', '--feature', 'chat');
    await newPlan(root, 'kid', '--parent', 'road', '--feature', 'chat');
    await ip(root, 'submit', 'road/kid');
    await ip(root, 'submit', 'road');
    await ip(root, 'approve', 'road', '--approver', '@j', '--date', '2026-03-15');
    commitAll(root, 'approved roadmap');
    const roadmap = read(root, 'spec/plans/road/README.md');
    const r = await ip(root, 'revise', 'road/kid');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note: roadmap road is approved: its Child Plans table is frozen');
    expect(read(root, 'spec/plans/road/README.md')).toBe(roadmap);
    expect(read(root, 'spec/plans/README.md')).toContain('| &ensp;[kid](road/kid/) | draft |');
  });
});
