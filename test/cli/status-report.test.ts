import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, commitAll, git, health, makeRepo, read, removeRepo, runCli, runInProcess, writeFile } from '../support/lifecycle-helpers.js';

let cli: ReturnType<typeof buildCli>;
let root: string;
const run = (...args: string[]) => runCli(cli.script, root, args);
const ip = (...args: string[]) => runInProcess(root, args);

const STEPS = `## Steps

### 1. Define schema

The input contract.

**Depends on:** (none)

**Acceptance criteria:**
- Schema validates the examples

### 2. Implement parser

**Depends on:** Step 1

**Acceptance criteria:**
- Rejects invalid files

#### 2.1. Add streaming

**Acceptance criteria:**
- Large files are streamed

### 3. Wire the CLI

**Depends on:** Step 2

**Acceptance criteria:**
- --batch shows in help

### 4. Write docs

**Depends on:** Step 1

**Acceptance criteria:**
- Docs mention batch files
`;

const LEDGER = `items:
  - { id: ACME-1, plan: road/one, step: "1", status: done, updated: 2026-03-16 }
  - { id: ACME-2, plan: road/one, step: "2", status: done, updated: 2026-03-20 }
  - { id: ACME-3, plan: road/one, step: "2", status: done, updated: 2026-03-21 }
  - { id: ACME-4, plan: road/one, step: "2.1", status: done, updated: 2026-03-19 }
  - { id: ACME-6, plan: road/one, step: "4", status: cancelled, updated: 2026-03-17 }
  - { id: ACME-7, plan: road/one, step: "7", status: done, updated: 2026-03-22 }
  - { id: ACME-9, plan: road/two, step: "1", status: blocked, updated: 2026-03-23 }
  - { id: ACME-10, plan: solo, status: done, updated: 2026-03-12 }
`;

beforeAll(async () => {
  cli = buildCli();
  root = makeRepo();
  for (const args of [
    ['new', 'road', '--title', 'Road', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-10'],
    ['new', 'one', '--parent', 'road', '--title', 'Batch mode', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-10'],
    ['new', 'two', '--parent', 'road', '--title', 'Batch docs', '--author', '@alex', '--feature', 'cli', '--date', '2026-03-10'],
    ['new', 'solo', '--title', 'Solo', '--author', '@alex', '--feature', 'api', '--date', '2026-03-10'],
  ]) {
    const r = await ip(...args);
    expect([r.code, r.stderr]).toEqual([0, '']);
  }
  const file = 'spec/plans/road/one/README.md';
  const text = read(root, file);
  writeFile(root, file, text.slice(0, text.indexOf('## Steps')) + STEPS + '\n' + text.slice(text.indexOf('## Outstanding Questions')));
  expect((await ip('submit', 'road/one')).code).toBe(0);
  expect((await ip('approve', 'road/one', '--approver', '@jordan', '--date', '2026-03-15')).code).toBe(0);
  writeFile(root, '.specscore/work-items.yaml', LEDGER);
  commitAll(root, 'approved road/one with its ledger');
  writeFile(root, 'src.txt', 'cli wiring\n');
  git(root, 'add', 'src.txt');
  execFileSync('git', ['commit', '-q', '-m', 'Wire the batch flag\n\nPlan-Step: road/one#3'], {
    cwd: root,
    env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-18T12:00:00+00:00', GIT_AUTHOR_DATE: '2026-03-18T12:00:00+00:00' },
  });
});
afterAll(() => {
  cli?.cleanup();
  if (root) removeRepo(root);
});

describe('specplan status', () => {
  it('shows derived status, N/M steps from the ledger and git trailers, blockers and the roadmap roll-up', async () => {
    const r = run('status');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'road: in_progress (roadmap, derived: a child plan has work in progress), 3/5 steps, 0/2 child plans completed, in progress; blocked items: ACME-9',
        '  road/one: approved, 3/4 steps, in progress, approved 2026-03-15',
        '  road/two: draft, 0/1 steps; blocked items: ACME-9; waiting on road/one',
        'solo: draft, 1/1 steps, completed 2026-03-12',
        '',
      ].join('\n'),
    );
    const j = JSON.parse((await ip('status', 'road/one', '--json')).stdout);
    expect(j.plans).toHaveLength(1);
    expect(j.plans[0]).toMatchObject({
      plan: 'road/one',
      status: 'approved',
      progress: { done: 3, total: 4, text: '3/4 steps' },
      completed: false,
      inProgress: true,
      blockers: { items: [], plans: [] },
    });
    expect(j.plans[0].steps.map((s: { number: string; state: string; updated: string | null }) => [s.number, s.state, s.updated])).toEqual([
      ['1', 'done', '2026-03-16'],
      ['2', 'done', '2026-03-21'],
      ['3', 'done', '2026-03-18'],
      ['4', 'todo', '2026-03-17'],
    ]);
    const detail = await ip('status', 'road/one');
    expect(detail.stdout).toMatch(/^ {2}step 3\. [^\n]+: done 2026-03-18 \[git:/m);
    const unknown = await ip('status', 'nope');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('plan nope does not exist')]);
  });
});

describe('specplan report', () => {
  it('writes the deviation report beside an approved plan without touching the plan', async () => {
    // (The ledger completed solo: its report says so, and the index lists it as recently closed.)
    const plan = read(root, 'spec/plans/road/one/README.md');
    const r = run('report', 'road/one', '--date', '2026-03-25');
    expect([r.code, r.stderr]).toEqual([0, '']);
    // The ledger moved the roadmap to in_progress since the index was written: the report run syncs it.
    expect(r.stdout).toBe(
      'wrote deviation report for road/one\n  wrote spec/features/cli/README.md\n  wrote spec/plans/README.md\n  wrote spec/plans/road/one/reports/README.md\n',
    );
    expect(read(root, 'spec/plans/road/one/README.md')).toBe(plan);
    const report = read(root, 'spec/plans/road/one/reports/README.md');
    expect(report).toContain(
      '# Deviation Report: Batch mode\n\n**Plan:** [road/one](../)\n**Plan status:** approved\n**Execution:** in progress, 3/4 steps done\n**Generated:** 2026-03-25',
    );
    expect(report).toContain('- Added: 1 · Removed: 1 · Split: 1 · Out of order: 1');
    expect(report).toContain('| 2 | Implement parser | ACME-2 (done, 2026-03-20), ACME-3 (done, 2026-03-21) | done | 2026-03-21 |');
    expect(report).toContain('- ACME-7: step 7, which the plan does not have (done, 2026-03-22)');
    expect(report).toContain('- Step 4. Write docs: all its work items were cancelled');
    expect(report).toContain('- Step 2. Implement parser: 2 work items (ACME-2, ACME-3)');
    expect(report).toContain('**Planned (parallel layers):** 1 → 2.1, 4 → 2 → 3');
    expect(report).toContain('| 3 | 2 | 2026-03-18 | 2026-03-21 |');
    expect(report).toContain('| Rejects invalid files | step 2 | step done 2026-03-21 |');
    expect(report).toContain('**Start:** 2026-03-15 (approved)');
    // Same inputs, same bytes: a second run changes nothing.
    const again = await ip('report', 'road/one', '--date', '2026-03-25');
    expect(again.stdout).toBe('unchanged: deviation report for road/one\n');
    expect(read(root, 'spec/plans/road/one/reports/README.md')).toBe(report);
    const dry = await ip('report', 'road/two', '--dry-run', '--date', '2026-03-25');
    expect(dry.stdout).toContain('# Deviation Report: Batch docs');
    expect(git(root, 'status', '--porcelain', 'spec/plans/road/two')).toBe('');
    expect(read(root, 'spec/plans/README.md')).toMatch(/## Recently Closed[\s\S]*\| \[solo\]\(solo\/\) \| completed \| 2026-03-12 \|/);
    expect(await health(root)).toEqual({ problems: [], drift: [] });
  });
});
