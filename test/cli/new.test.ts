import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/parse/plan.js';
import { parseProposal } from '../../src/parse/proposal.js';
import { buildCli, commitAll, git, health, makeRepo, read, removeRepo, runCli, runInProcess, writeFile } from '../support/lifecycle-helpers.js';

let cli: ReturnType<typeof buildCli>;
const roots: string[] = [];
const repo = (opts?: Parameters<typeof makeRepo>[0]) => {
  const r = makeRepo(opts);
  roots.push(r);
  return r;
};
const run = (root: string, ...args: string[]) => runCli(cli.script, root, args);

beforeAll(() => {
  cli = buildCli();
});
afterAll(() => {
  cli?.cleanup();
  roots.forEach(removeRepo);
});

describe('specplan new', () => {
  it('scaffolds a draft plan from the template with index row and feature back-references', async () => {
    const root = repo();
    const r = run(root, 'new', 'add-batch-mode', '--title', 'Add batch mode to CLI', '--author', '@alex', '--feature', 'cli', 'api', '--date', '2026-03-14');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created plan add-batch-mode (draft): spec/plans/add-batch-mode/README.md');
    const text = read(root, 'spec/plans/add-batch-mode/README.md');
    const { plan } = parsePlan(text);
    expect(plan.title).toBe('Add batch mode to CLI');
    expect(plan.header).toMatchObject({ status: 'draft', sourceType: 'feature', author: '@alex', created: '2026-03-14', approver: null, approved: null });
    expect(plan.header.features).toEqual([
      { text: 'cli', href: '../../features/cli/README.md' },
      { text: 'api', href: '../../features/api/README.md' },
    ]);
    expect(plan.header.source).toBe('[CLI feature spec](../../features/cli/), [API feature spec](../../features/api/)');
    expect(plan.steps).toHaveLength(1);
    expect(plan.outstandingQuestions).toBe('None at this time.');
    expect(plan.context).toContain('[CLI feature spec](../../features/cli/)');
    expect(read(root, 'spec/plans/README.md')).toContain('| [add-batch-mode](add-batch-mode/) | draft | — | cli, api | — | — | @alex | — |');
    expect(read(root, 'spec/features/cli/README.md')).toContain('| [add-batch-mode](../../plans/add-batch-mode/) | draft | @alex | — |');
    expect(read(root, 'spec/features/api/README.md')).toContain('| [add-batch-mode](../../plans/add-batch-mode/) | draft | @alex | — |');
    expect(read(root, 'spec/features/chat/README.md')).not.toContain('## Plans');
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('from a proposal: change-request source and the forward reference row in the proposal', async () => {
    const root = repo();
    const before = read(root, 'spec/features/cli/proposals/batch-mode/README.md');
    const r = run(root, 'new', 'batch-v2', '--title', 'Batch mode v2', '--author', '@alex', '--proposal', 'cli/batch-mode', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ plan: 'batch-v2', status: 'draft', parent: null, dryRun: false });
    expect(out.written).toContain('spec/features/cli/proposals/batch-mode/README.md');
    const { plan } = parsePlan(read(root, 'spec/plans/batch-v2/README.md'));
    expect(plan.header.sourceType).toBe('change-request');
    expect(plan.header.source).toBe('[Batch mode](../../features/cli/proposals/batch-mode/)');
    expect(plan.header.features).toEqual([{ text: 'cli', href: '../../features/cli/README.md' }]);
    const proposal = read(root, 'spec/features/cli/proposals/batch-mode/README.md');
    expect(parseProposal(proposal).proposal.plan).toEqual({ text: 'batch-v2', href: '../../../../plans/batch-v2/' });
    // Only the new row was added: every other line of the proposal is as it was.
    const added = proposal.split('\n').filter((l) => !before.split('\n').includes(l));
    expect(added).toEqual(['| Plan | [batch-v2](../../../../plans/batch-v2/) |']);
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('--parent: a fresh plan becomes a roadmap, later children get the next Order', async () => {
    const root = repo();
    expect((await runInProcess(root, ['new', 'chat-roadmap', '--title', 'Chat roadmap', '--author', '@alex', '--feature', 'chat', 'chat/workflow'])).code).toBe(
      0,
    );
    const a = run(root, 'new', 'chat-infra', '--parent', 'chat-roadmap', '--title', 'Chat infrastructure', '--author', '@alex', '--feature', 'chat');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('chat-roadmap is now a roadmap');
    const b = await runInProcess(root, ['new', 'chat-roadmap/chat-engine', '--title', 'Chat workflow engine', '--author', '@bo', '--feature', 'chat/workflow']);
    expect(b.code).toBe(0);
    const roadmap = parsePlan(read(root, 'spec/plans/chat-roadmap/README.md')).plan;
    expect(roadmap.steps).toBeNull();
    expect(roadmap.childPlans?.map((c) => [c.order, c.plan.href, c.status])).toEqual([
      ['1', 'chat-infra/', 'draft'],
      ['2', 'chat-engine/', 'draft'],
    ]);
    const child = parsePlan(read(root, 'spec/plans/chat-roadmap/chat-infra/README.md')).plan;
    expect(child.header.features).toEqual([{ text: 'chat', href: '../../../features/chat/README.md' }]);
    expect(child.header.source).toBe('[Chat feature spec](../../../features/chat/)');
    const index = read(root, 'spec/plans/README.md');
    expect(index).toContain('| &ensp;[chat-infra](chat-roadmap/chat-infra/) | draft |');
    expect(index).toContain('| &ensp;[chat-engine](chat-roadmap/chat-engine/) | draft |');
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });

  it('refuses an existing slug, unsafe slugs, nesting deeper than two levels and bad sources, writing nothing', async () => {
    const root = repo();
    expect((await runInProcess(root, ['new', 'existing', '--title', 'X', '--author', '@a', '--feature', 'cli'])).code).toBe(0);
    expect((await runInProcess(root, ['new', 'standalone', '--title', 'S', '--author', '@a', '--feature', 'cli'])).code).toBe(0);
    writeFile(root, 'spec/plans/standalone/README.md', read(root, 'spec/plans/standalone/README.md').replace('### 1. First step', '### 1. Real work'));
    expect((await runInProcess(root, ['new', 'kid', '--parent', 'existing', '--title', 'K', '--author', '@a', '--feature', 'cli'])).code).toBe(0);
    commitAll(root, 'plans');
    const cases: Array<{ args: string[]; code: number; says: RegExp }> = [
      { args: ['new', 'existing', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 1, says: /plan existing already exists/ },
      { args: ['new', 'Bad_Slug', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 2, says: /"Bad_Slug" is not a path-safe plan slug/ },
      { args: ['new', '../escape', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 2, says: /not a path-safe plan slug/ },
      { args: ['new', 'a/b/c', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 2, says: /nests 3 levels deep/ },
      { args: ['new', 'deeper', '--parent', 'existing/kid', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 2, says: /not a valid plan path/ },
      { args: ['new', 'existing/kid/deeper', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 2, says: /nests 3 levels deep/ },
      {
        args: ['new', 'x', '--parent', 'standalone', '--title', 'X', '--author', '@a', '--feature', 'cli'],
        code: 1,
        says: /plan standalone has steps, so it cannot become a roadmap/,
      },
      { args: ['new', 'x', '--parent', 'nope', '--title', 'X', '--author', '@a', '--feature', 'cli'], code: 2, says: /parent plan nope does not exist/ },
      {
        args: ['new', 'reports', '--parent', 'existing', '--title', 'X', '--author', '@a', '--feature', 'cli'],
        code: 2,
        says: /"reports" cannot name a child plan/,
      },
      { args: ['new', 'x', '--title', 'X', '--author', '@a', '--feature', 'nope'], code: 2, says: /feature nope does not exist/ },
      {
        args: ['new', 'x', '--title', 'X', '--author', '@a', '--feature', 'cli', '--proposal', 'cli/batch-mode'],
        code: 2,
        says: /either features or a proposal, not both/,
      },
      { args: ['new', 'x', '--title', 'X', '--author', '@a'], code: 2, says: /no source given/ },
      { args: ['new', 'x', '--title', 'X', '--author', '@a', '--proposal', 'cli/nope'], code: 2, says: /proposal cli\/nope does not exist/ },
      { args: ['new', 'x', '--title', 'X', '--author', '@a|b', '--feature', 'cli'], code: 2, says: /the author contains "\|"/ },
      { args: ['new', 'x', '--author', '@a', '--feature', 'cli'], code: 2, says: /--title/ },
    ];
    const binary = run(root, ...cases[0]!.args);
    expect([binary.code, binary.stderr]).toEqual([1, expect.stringContaining('plan existing already exists')]);
    for (const c of cases) {
      const r = await runInProcess(root, c.args);
      expect({ args: c.args, code: r.code }).toEqual({ args: c.args, code: c.code });
      expect(r.stderr).toMatch(c.says);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
      expect(git(root, 'status', '--porcelain')).toBe('');
    }
  });

  it('refuses a child under an approved roadmap (its Child Plans table is frozen)', async () => {
    const root = repo();
    for (const args of [
      ['new', 'road', '--title', 'Road', '--author', '@a', '--feature', 'chat'],
      ['new', 'one', '--parent', 'road', '--title', 'One', '--author', '@a', '--feature', 'chat'],
      ['submit', 'road/one'],
      ['submit', 'road'],
      ['approve', 'road', '--approver', '@j'],
    ])
      expect((await runInProcess(root, args)).code).toBe(0);
    commitAll(root, 'approved roadmap');
    const r = run(root, 'new', 'two', '--parent', 'road', '--title', 'Two', '--author', '@a', '--feature', 'chat');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('roadmap road is approved, so its Child Plans table is frozen');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(existsSync(path.join(root, 'spec/plans/road/two'))).toBe(false);
  });

  it('--dry-run lists the changes and writes nothing', () => {
    const root = repo();
    const r = run(root, 'new', 'dry', '--title', 'Dry', '--author', '@a', '--feature', 'cli', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would create spec/plans/dry/README.md');
    expect(r.stdout).toContain('would update spec/features/cli/README.md');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});
