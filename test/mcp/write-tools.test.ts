import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_PLAN, call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

let root: string;
let c: Connected;
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

// One repository for the whole file (the corpus is large): each test uses its own plan slugs.
beforeAll(async () => {
  root = makeRepo({ small: true });
  c = await connectInMemory(root, { today: '2026-04-01' });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

const NEW_PLAN = `# Plan: Batch mode

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
**Created:** 2026-04-01

## Context

Add a batch mode to the CLI so many items run from one file.

## Acceptance criteria

- A batch file with 100 items completes

## Steps

### 1. Define the batch schema

**Depends on:** (none)

**Acceptance criteria:**
- The schema validates the examples

### 2. Implement the parser

**Depends on:** Step 1

**Acceptance criteria:**
- Invalid files are rejected with per-field errors

## Outstanding Questions

None at this time.
`;

SYNCHESTRA.describe('writing tools over the in-memory transport', () => {
  it('update_index checks drift without writing, then writes it, then is a no-op', async () => {
    const before = read('spec/plans/README.md');
    const check = await callOk<{ drift: string[]; written: string[] }>(c.client, 'update_index', { check: true });
    expect(check.drift).toContain('spec/plans/README.md');
    expect(check.written).toEqual([]);
    expect(read('spec/plans/README.md')).toBe(before);
    const run = await callOk<{ drift: string[]; written: string[] }>(c.client, 'update_index');
    expect(run.written).toEqual(run.drift);
    expect(read('spec/plans/README.md')).toContain('[approved-plan](approved-plan/)');
    const again = await callOk<{ drift: string[] }>(c.client, 'update_index', { check: true });
    expect(again.drift).toEqual([]);
  });

  it('write_plan creates a plan from markdown with index and feature back-reference', async () => {
    const out = await callOk<{ plan: string; created: boolean; written: string[] }>(c.client, 'write_plan', { plan: 'batch-mode', markdown: NEW_PLAN });
    expect(out.created).toBe(true);
    expect(out.written).toContain('spec/plans/batch-mode/README.md');
    expect(out.written).toContain('spec/plans/README.md');
    expect(out.written).toContain('spec/features/cli/README.md');
    expect(read('spec/plans/batch-mode/README.md')).toBe(NEW_PLAN);
    expect(read('spec/features/cli/README.md')).toMatch(/\[batch-mode\]\(\.\.\/\.\.\/plans\/batch-mode\/\)/);
    const listed = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans', { text: 'batch' });
    expect(listed.plans.map((p) => p.plan)).toContain('batch-mode');
  });

  it('write_plan with dryRun writes nothing', async () => {
    const out = await callOk<{ written: string[] }>(c.client, 'write_plan', { plan: 'dry-mode', markdown: NEW_PLAN, dryRun: true });
    expect(out.written).toContain('spec/plans/dry-mode/README.md');
    expect(() => read('spec/plans/dry-mode/README.md')).toThrow();
  });

  it('write_plan replaces a draft from the structured document read_plan returns', async () => {
    const got = await callOk<{ document: any }>(c.client, 'read_plan', { plan: 'batch-mode' });
    const doc = structuredClone(got.document);
    doc.steps[1].title = 'Implement the streaming parser';
    const out = await callOk<{ created: boolean; written: string[] }>(c.client, 'write_plan', { plan: 'batch-mode', document: doc });
    expect(out.created).toBe(false);
    expect(read('spec/plans/batch-mode/README.md')).toContain('### 2. Implement the streaming parser');
  });

  it('write_plan accepts a plan_draft with its source and writes the header itself', async () => {
    const draft = {
      title: 'Batch mode',
      context: 'Add a batch mode so many items run from one file.',
      acceptanceCriteria: ['A batch file with 100 items completes'],
      steps: [
        {
          number: '1',
          title: 'Define the schema',
          description: 'Write the JSON Schema.',
          dependsOn: [],
          produces: ['`batch.json` schema'],
          acceptanceCriteria: ['Examples validate'],
          subSteps: [],
        },
        {
          number: '2',
          title: 'Parse files',
          description: 'Read and validate files.',
          dependsOn: ['1'],
          produces: [],
          acceptanceCriteria: ['Bad files are rejected'],
          subSteps: [],
        },
      ],
      risks: [],
      outstandingQuestions: [],
      effort: 'S',
      impact: 'medium',
    };
    const out = await callOk<{ plan: string; created: boolean }>(c.client, 'write_plan', {
      plan: 'cli-batch',
      document: draft,
      feature: 'cli',
      author: '@dana',
    });
    expect(out.created).toBe(true);
    const text = read('spec/plans/cli-batch/README.md');
    expect(text).toContain('**Status:** draft');
    expect(text).toContain('**Author:** @dana');
    expect(text).toContain('**Created:** 2026-04-01');
    expect(text).toContain('**Depends on:** Step 1');
  });

  it('a plan_draft replacing an in_review plan keeps its header and status', async () => {
    await callOk(c.client, 'write_plan', { plan: 'review-me', markdown: NEW_PLAN.replace('# Plan: Batch mode', '# Plan: Review me') });
    await callOk(c.client, 'set_plan_status', { plan: 'review-me', status: 'in_review' });
    const draft = {
      title: 'Review me, revised',
      context: 'A revised approach written from a plan_draft.',
      acceptanceCriteria: ['The revision is written'],
      steps: [{ number: '1', title: 'Revise', description: 'Revise the plan.', dependsOn: [], produces: [], acceptanceCriteria: ['Revised'], subSteps: [] }],
      risks: [],
      outstandingQuestions: [],
      effort: null,
      impact: null,
    };
    const out = await callOk<{ created: boolean }>(c.client, 'write_plan', { plan: 'review-me', document: draft });
    expect(out.created).toBe(false);
    const text = read('spec/plans/review-me/README.md');
    expect(text).toContain('# Plan: Review me, revised');
    expect(text).toContain('**Status:** in_review');
    expect(text).toContain('**Author:** @alex');
    expect(text).toContain('**Created:** 2026-04-01');
  });

  it('scaffold_plan, set_plan_status (submit, approve, supersede) follow the lifecycle', async () => {
    const s = await callOk<{ plan: string; written: string[] }>(c.client, 'scaffold_plan', {
      slug: 'new-thing',
      title: 'New thing',
      author: '@alex',
      features: ['cli'],
    });
    expect(s.plan).toBe('new-thing');
    expect(read('spec/plans/new-thing/README.md')).toContain('**Created:** 2026-04-01');
    await callOk(c.client, 'write_plan', { plan: 'new-thing', markdown: NEW_PLAN.replace('# Plan: Batch mode', '# Plan: New thing') });
    const submit = await callOk<{ from: string; to: string }>(c.client, 'set_plan_status', { plan: 'new-thing', status: 'in_review' });
    expect(submit).toMatchObject({ from: 'draft', to: 'in_review' });
    const approve = await callOk<{ to: string }>(c.client, 'set_plan_status', { plan: 'new-thing', status: 'approved', approver: '@jordan' });
    expect(approve.to).toBe('approved');
    expect(read('spec/plans/new-thing/README.md')).toContain('**Approved:** 2026-04-01');
    await callOk(c.client, 'scaffold_plan', { slug: 'newer-thing', title: 'Newer thing', author: '@alex', features: ['cli'] });
    const sup = await callOk<{ to: string }>(c.client, 'set_plan_status', { plan: 'new-thing', status: 'superseded', by: 'newer-thing' });
    expect(sup.to).toBe('superseded');
    expect(read('spec/plans/new-thing/README.md')).toContain('**Superseded by:** [newer-thing](../newer-thing/)');
  });

  it('suggest_effort_impact gives evidence, and apply writes a draft header', async () => {
    await callOk(c.client, 'write_plan', { plan: 'suggest-me', markdown: NEW_PLAN });
    const s = await callOk<{ effort: string; impact: string; evidence: string[]; written: string[] }>(c.client, 'suggest_effort_impact', {
      plan: 'suggest-me',
    });
    expect(['S', 'M', 'L', 'XL']).toContain(s.effort);
    expect(s.evidence.length).toBeGreaterThan(0);
    expect(s.written).toEqual([]);
    const applied = await callOk<{ written: string[] }>(c.client, 'apply_effort_impact', { plan: 'suggest-me', effort: 'M', impact: 'high' });
    expect(applied.written).toContain('spec/plans/suggest-me/README.md');
    const text = read('spec/plans/suggest-me/README.md');
    expect(text).toContain('**Effort:** M');
    expect(text).toContain('**Impact:** high');
  });

  it('draft_plan with provider none writes the validated skeleton', async () => {
    const out = await callOk<{ plan: string; provider: string; written: string[]; markdown: string }>(c.client, 'draft_plan', {
      feature: 'cli',
      slug: 'cli-draft',
      provider: 'none',
    });
    expect(out.plan).toBe('cli-draft');
    expect(out.provider).toBe('none');
    expect(out.written).toContain('spec/plans/cli-draft/README.md');
    expect(read('spec/plans/cli-draft/README.md')).toBe(out.markdown);
  });

  it('regenerate_whats_next writes the report and read_whats_next reads it back', async () => {
    const out = await callOk<{ status: string; mode: string; recommended: string[] }>(c.client, 'regenerate_whats_next', { mode: 'full' });
    expect(out.status).toBe('written');
    expect(read('spec/plans/WHATS-NEXT.md')).toContain("# What's Next");
    const back = await callOk<{ exists: boolean; recommended: string[]; markdown: string }>(c.client, 'read_whats_next');
    expect(back.exists).toBe(true);
    expect(back.recommended).toEqual(out.recommended);
    expect(back.markdown).not.toContain('whats-next-state');
    const again = await callOk<{ status: string }>(c.client, 'regenerate_whats_next', { mode: 'incremental' });
    expect(again.status).toBe('up-to-date');
  });

  it('sees new execution status (ledger edits, Plan-Step commits) without a restart', async () => {
    const before = await callOk<{ plans: Array<{ plan: string; progress: string; completed: boolean }> }>(c.client, 'plan_status', { plan: 'approved-plan' });
    expect(before.plans[0]).toMatchObject({ progress: '0/2', completed: false });
    const ledgerFile = path.join(root, '.specscore/work-items.yaml');
    writeFileSync(
      ledgerFile,
      `${read('.specscore/work-items.yaml').replace('status: blocked', 'status: cancelled')}  - { id: T-4, plan: approved-plan, step: "1", status: done, updated: 2026-03-25 }\n`,
    );
    const ledger = await callOk<{ plans: Array<{ progress: string }> }>(c.client, 'plan_status', { plan: 'approved-plan' });
    expect(ledger.plans[0]!.progress).toBe('1/2');
    writeFileSync(path.join(root, 'CHANGELOG.md'), 'Checked the thing.\n');
    execFileSync('git', ['add', 'CHANGELOG.md'], { cwd: root });
    execFileSync('git', ['commit', '-q', '-m', 'Check the thing', '-m', 'Plan-Step: approved-plan#2'], { cwd: root });
    const trailer = await callOk<{ plans: Array<{ progress: string; completed: boolean }> }>(c.client, 'plan_status', { plan: 'approved-plan' });
    expect(trailer.plans[0]).toMatchObject({ progress: '2/2', completed: true });
  });

  it('never modifies an approved plan', async () => {
    const res = await call(c.client, 'write_plan', { plan: 'approved-plan', markdown: APPROVED_PLAN.replace('Do the thing', 'Do another thing') });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/approved/);
    expect(res.text).toMatch(/set_plan_status/);
    expect(read('spec/plans/approved-plan/README.md')).toBe(APPROVED_PLAN);
    const apply = await call(c.client, 'apply_effort_impact', { plan: 'approved-plan', effort: 'S' });
    expect(apply.isError).toBe(true);
    expect(read('spec/plans/approved-plan/README.md')).toBe(APPROVED_PLAN);
  });
});
