import { commitAll, gitInit } from '../support/git.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TaskmasterFileSchema } from '../../src/interop/export-taskmaster.js';
import { WorkItemsExportSchema } from '../../src/interop/export-work-items.js';
import { parsePlan } from '../../src/parse/plan.js';
import { copyCorpus, fixture, makeRepo, read, removeRepo, runCli, snapshot, writeFile } from '../support/interop-helpers.js';
import { corpus as locateCorpus } from '../support/corpus.js';

const SYNCHESTRA = locateCorpus('synchestra-spec');

const roots: string[] = [];
const keep = (r: string) => (roots.push(r), r);
afterEach(() => {
  while (roots.length) removeRepo(roots.pop()!);
});

const BATCH = () => keep(makeRepo({ features: { cli: 'CLI' }, files: { 'spec/plans/add-batch-mode/README.md': fixture('plans/add-batch-mode.md') } }));
const EXPORT = (root: string, plan: string, to: string, ...rest: string[]) => ['export', plan, '--root', root, '--to', to, '--date', '2026-03-20', ...rest];
const CHAT = 'chat-feature/chat-infrastructure';

describe('export --to work-items', () => {
  SYNCHESTRA.it('one item per step with stable ids, dependencies, criteria, artifacts, links; status from the ledger and Plan-Step trailers', async () => {
    const root = keep(copyCorpus());
    writeFile(
      root,
      '.specscore/work-items.yaml',
      `items:\n  - { id: ACME-1, plan: ${CHAT}, step: "1", status: done, updated: 2026-03-16 }\n  - { id: ACME-2, plan: ${CHAT}, step: "2", status: in_progress, updated: 2026-03-17 }\n`,
    );
    gitInit(root, { commit: 'init' });
    const run = await runCli(EXPORT(root, CHAT, 'work-items'));
    expect(run.code, run.stderr).toBe(0);
    const out = WorkItemsExportSchema.parse(JSON.parse(run.stdout));
    const plan = parsePlan(read(root, `spec/plans/${CHAT}/README.md`)).plan;
    expect(out.items.map((i) => i.id)).toEqual(plan.steps!.map((s) => `${CHAT}#${s.number}`));
    for (const [k, s] of plan.steps!.entries()) {
      const item = out.items[k]!;
      expect(item.declaredDependsOn).toEqual((s.dependsOn ?? []).map((d) => `${CHAT}#${d}`));
      expect(item.acceptanceCriteria).toEqual(s.acceptanceCriteria);
      expect(item.produces).toEqual(s.produces);
      expect(item.trailer).toBe(`Plan-Step: ${CHAT}#${s.number}`);
    }
    expect(out.items[0]!.link).toBe(`spec/plans/${CHAT}/README.md#1-define-chat-data-model`);
    expect(out.items[1]!.consumes.map((c) => c.from)).toEqual([`${CHAT}#1`, `${CHAT}#1`]);
    expect(out.items.slice(0, 3).map((i) => [i.status, i.workItems])).toEqual([
      ['done', ['ACME-1']],
      ['in_progress', ['ACME-2']],
      ['todo', []],
    ]);
    expect(out.progress).toEqual({ done: 1, total: 9 });
    expect(run.stderr).toContain('is draft; work items are normally generated from approved plans');

    // Status flows back: a commit carrying the exported trailer of step 3 marks that work item done.
    writeFile(root, 'src/message-store.ts', 'export {};\n');
    commitAll(root, `Build the message store\n\n${out.items[2]!.trailer}`);
    const again = WorkItemsExportSchema.parse(JSON.parse((await runCli(EXPORT(root, CHAT, 'work-items'))).stdout));
    expect(again.items[2]!.status).toBe('done');
    expect(again.items[2]!.workItems[0]).toMatch(/^git:[0-9a-f]{12}$/);
    expect(again.progress.done).toBe(2);
  });

  it('sub-steps are items too; a sub-step waits for what its parent waits for, the parent for its sub-steps', async () => {
    const root = BATCH();
    const out = WorkItemsExportSchema.parse(JSON.parse((await runCli(EXPORT(root, 'add-batch-mode', 'work-items'))).stdout));
    const by = Object.fromEntries(out.items.map((i) => [i.step, i]));
    expect(out.items.map((i) => i.step)).toEqual(['1', '2', '2.1', '3']);
    expect(by['2.1']!.parent).toBe('add-batch-mode#2');
    expect(by['2.1']!.dependsOn).toEqual(['add-batch-mode#1']);
    expect(by['2.1']!.declaredDependsOn).toEqual([]);
    expect(by['2']!.dependsOn).toEqual(['add-batch-mode#1', 'add-batch-mode#2.1']);
    expect(by['2.1']!.link).toBe('spec/plans/add-batch-mode/README.md#21-add-streaming-support');
    expect(out.items.map((i) => i.phase)).toEqual([1, 3, 2, 4]);
    expect(by['3']!.criticalPath).toBe(true);
  });
});

describe('export --to execution-plan', () => {
  it('phases are the DAG layers, one chunk per step carrying its id, Outcome lines are the criteria, streams by artifact', async () => {
    const root = BATCH();
    const run = await runCli(EXPORT(root, 'add-batch-mode', 'execution-plan'));
    expect(run.code, run.stderr).toBe(0);
    const md = run.stdout;
    expect(md.startsWith('# Execution Plan: Add batch mode to CLI\n')).toBe(true);
    expect([...md.matchAll(/^### Phase (\d+): (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      '1 Step 1',
      '2 Step 2.1 (blocked by Phase 1)',
      '3 Step 2 (blocked by Phase 2)',
      '4 Step 3 (blocked by Phase 3)',
    ]);
    expect(md).toContain('- [ ] **Implement batch parser** (add-batch-mode#2)');
    expect(md).toContain(
      '  Outcome: Validates input against schema from Step 1; rejects invalid files with per-field error messages\n  Outcome: Handles files up to 50MB without exceeding 256MB memory\n',
    );
    expect(md).toContain('  Produces: `batch-input-schema.json` — JSON Schema definition');
    expect(md).toContain('| batch-input-schema | 1. Define batch input schema | batch-input-schema.json | — |');
    expect(md).toContain('| Update CLI entry point | update-cli-entry-point | Help output shows `--batch` flag with description | implement-batch-parser |');
    expect(md).toContain('| batch-input-schema | batch-parser-module | After Phase 1 | batch-input-schema.json |');
    expect(md).toContain('## Risks and open decisions\n\n- Batch files over 10MB may need streaming');
    expect(run.stderr).toBe('');
  });

  it('a step done in the ledger is a checked chunk', async () => {
    const root = BATCH();
    writeFile(root, '.specscore/work-items.yaml', 'items:\n  - { id: T-1, plan: add-batch-mode, step: "1", status: done }\n');
    const md = (await runCli(EXPORT(root, 'add-batch-mode', 'execution-plan'))).stdout;
    expect(md).toContain('- [x] **Define batch input schema** (add-batch-mode#1)');
    expect(md).toContain('- [ ] **Implement batch parser** (add-batch-mode#2)');
  });
});

describe('export --to taskmaster', () => {
  it('tasks keep the step numbers, sub-steps are subtasks (2.1), criteria are the test strategy, statuses come from the ledger', async () => {
    const root = BATCH();
    writeFile(
      root,
      '.specscore/work-items.yaml',
      'items:\n  - { id: T-1, plan: add-batch-mode, step: "1", status: done }\n  - { id: T-2, plan: add-batch-mode, step: "2.1", status: in_progress }\n',
    );
    const run = await runCli(EXPORT(root, 'add-batch-mode', 'taskmaster'));
    expect(run.code, run.stderr).toBe(0);
    expect((await runCli(EXPORT(root, 'add-batch-mode', 'taskmaster'))).stdout).toBe(run.stdout);
    const file = TaskmasterFileSchema.parse(JSON.parse(run.stdout));
    const tasks = file.master.tasks;
    expect(tasks.map((t) => [t.id, t.title, t.dependencies, t.status, t.priority])).toEqual([
      [1, 'Define batch input schema', [], 'done', 'high'],
      [2, 'Implement batch parser', [1], 'in-progress', 'high'],
      [3, 'Update CLI entry point', [2], 'pending', 'high'],
    ]);
    expect(tasks[1]!.subtasks.map((s) => [s.id, s.title, s.status, s.dependencies])).toEqual([[1, 'Add streaming support', 'in-progress', []]]);
    expect(tasks[0]!.testStrategy).toBe(
      '- Schema validates all example inputs from the feature spec\n- Schema rejects malformed inputs with actionable error messages',
    );
    expect(tasks[0]!.details).toContain('Plan-Step: add-batch-mode#1');
    expect(tasks[0]!.details).toContain('- `batch-input-schema.json` — JSON Schema definition');
    expect(file.master.metadata.created).toBe('2026-03-20T00:00:00.000Z');
  });

  it('--out writes tasks.json inside the root, atomically; outside the root or onto a spec document is refused', async () => {
    const root = BATCH();
    const ok = await runCli(EXPORT(root, 'add-batch-mode', 'taskmaster', '--out', '.taskmaster/tasks/tasks.json'), {}, root);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('wrote .taskmaster/tasks/tasks.json\n');
    expect(JSON.parse(read(root, '.taskmaster/tasks/tasks.json')).master.tasks).toHaveLength(3);
    const before = snapshot(root);
    const outside = await runCli(EXPORT(root, 'add-batch-mode', 'taskmaster', '--out', path.join(root, '..', 'x.json')));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is outside the root');
    const onPlan = await runCli(EXPORT(root, 'add-batch-mode', 'execution-plan', '--out', path.join(root, 'spec/plans/add-batch-mode/README.md')));
    expect(onPlan.code).toBe(2);
    expect(onPlan.stderr).toContain('would overwrite a spec document');
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(path.join(root, '..', 'x.json'))).toBe(false);
  });
});

describe('export --to github (payloads, no token)', () => {
  it('title, labels plan:/step:, body with the acceptance criteria as a task list and the trailer', async () => {
    const root = BATCH();
    const run = await runCli(EXPORT(root, 'add-batch-mode', 'github', '--repo', 'acme/cli'));
    expect(run.code, run.stderr).toBe(0);
    const { issues } = JSON.parse(run.stdout) as { issues: Array<{ id: string; title: string; labels: string[]; body: string; dependsOn: string[] }> };
    expect(issues.map((i) => i.id)).toEqual(['add-batch-mode#1', 'add-batch-mode#2.1', 'add-batch-mode#2', 'add-batch-mode#3']);
    const two = issues[2]!;
    expect(two.title).toBe('2. Implement batch parser (add-batch-mode)');
    expect(two.labels).toEqual(['plan:add-batch-mode', 'step:2']);
    expect(two.body).toContain('- [ ] Handles files up to 50MB without exceeding 256MB memory');
    expect(two.body).toContain('**Depends on:** `add-batch-mode#1`, `add-batch-mode#2.1`');
    expect(two.body).toContain('(https://github.com/acme/cli/blob/HEAD/spec/plans/add-batch-mode/README.md#2-implement-batch-parser)');
    expect(two.body).toContain('`Plan-Step: add-batch-mode#2`');
  });
});

describe('export refuses what cannot be exported, with one clear message', () => {
  let corpus = '';
  beforeAll(() => {
    if (SYNCHESTRA.present) corpus = copyCorpus();
  });
  afterAll(() => corpus && removeRepo(corpus));
  SYNCHESTRA.it.each([
    ['chat-feature', 'work-items', 2, 'is a roadmap', 'export a child plan: chat-feature/chat-infrastructure, chat-feature/chat-workflow-engine'],
    ['nope', 'work-items', 2, 'plan nope does not exist', ''],
    ['hero-scene', 'taskmaster', 1, 'has no steps to export', ''],
    [CHAT, 'jira', 2, 'unknown --to "jira"', 'work-items | execution-plan | taskmaster | github'],
  ])('%s --to %s → exit %i', async (plan, to, code, message, hint) => {
    const run = await runCli(EXPORT(corpus, plan, to));
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(hint);
    expect(run.stdout).toBe('');
  });

  it('a plan with a dependency cycle has no execution order', async () => {
    const root = BATCH();
    writeFile(root, 'spec/plans/add-batch-mode/README.md', fixture('plans/add-batch-mode.md').replace('**Depends on:** (none)', '**Depends on:** Step 3'));
    const run = await runCli(EXPORT(root, 'add-batch-mode', 'execution-plan'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('has a dependency cycle (1 → 2 → 3 → 1)');
  });
});
