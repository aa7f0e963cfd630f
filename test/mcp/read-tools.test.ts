import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo();
  c = await connectInMemory(root);
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

SYNCHESTRA.describe('read tools over the in-memory transport', () => {
  it('list_plans lists every plan with status, features and progress', async () => {
    const out = await callOk<{ plans: Array<Record<string, unknown>>; total: number; nextCursor: string | null }>(c.client, 'list_plans');
    const paths = out.plans.map((p) => p.plan);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('chat-feature/chat-infrastructure');
    expect(paths).toContain('approved-plan');
    expect(out.total).toBe(paths.length);
    expect(out.nextCursor).toBeNull();
    const infra = out.plans.find((p) => p.plan === 'chat-feature/chat-infrastructure')!;
    expect(infra).toMatchObject({ status: 'draft', parent: 'chat-feature', features: ['chat'], effort: 'L' }); // from the roadmap's Child Plans row, as the index shows it
    expect(infra.progress).toMatch(/^1\/\d+$/);
  });

  it('list_plans pages with cursor and limit, and filters by status, feature and text', async () => {
    const first = await callOk<{ plans: Array<{ plan: string }>; total: number; nextCursor: string | null }>(c.client, 'list_plans', { limit: 3 });
    expect(first.plans).toHaveLength(3);
    expect(first.nextCursor).toBe('3');
    const second = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans', { limit: 3, cursor: first.nextCursor });
    expect(second.plans[0]!.plan).not.toBe(first.plans[0]!.plan);
    const all = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans');
    expect([...first.plans, ...second.plans].map((p) => p.plan)).toEqual(all.plans.slice(0, 6).map((p) => p.plan));

    const approved = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans', { status: 'approved' });
    expect(approved.plans.map((p) => p.plan)).toEqual(['approved-plan']);
    const chat = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans', { feature: 'chat' });
    expect(chat.plans.map((p) => p.plan)).toEqual(['chat-feature', 'chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
    const text = await callOk<{ plans: Array<{ plan: string }> }>(c.client, 'list_plans', { text: 'hybrid storage approach' });
    expect(text.plans.map((p) => p.plan)).toEqual(['chat-feature/chat-infrastructure']);
  });

  it('read_plan returns the parsed document, derived status, progress and graph', async () => {
    const out = await callOk<any>(c.client, 'read_plan', { plan: 'chat-feature/chat-infrastructure' });
    expect(out.plan).toBe('chat-feature/chat-infrastructure');
    expect(out.document.title).toBe('Chat infrastructure');
    expect(out.document.steps.length).toBeGreaterThan(2);
    expect(out.progress.done).toBe(1);
    expect(out.progress.inProgress).toBe(true);
    expect(out.progress.steps[0]).toEqual({ number: '1', state: 'done' });
    expect(out.graph.criticalPath.length).toBeGreaterThan(0);
    expect(out.markdown).toBeUndefined();
    const roadmap = await callOk<any>(c.client, 'read_plan', { plan: 'chat-feature', withMarkdown: true });
    expect(roadmap.roadmap).toBe(true);
    expect(roadmap.children).toEqual(['chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
    expect(roadmap.derivedStatus).toBe('in_progress');
    expect(roadmap.markdown).toContain('# Plan: ');
  });

  it('plan_graph gives step layers for a plan and child order for a roadmap', async () => {
    const steps = await callOk<any>(c.client, 'plan_graph', { plan: 'approved-plan' });
    expect(steps.kind).toBe('steps');
    expect(steps.nodes).toEqual([
      { id: '1', title: 'Do the thing', dependsOn: [] },
      { id: '2', title: 'Check the thing', dependsOn: ['1'] },
    ]);
    expect(steps.layers).toEqual([['1'], ['2']]);
    expect(steps.criticalPath).toEqual(['1', '2']);
    const plans = await callOk<any>(c.client, 'plan_graph', { plan: 'chat-feature' });
    expect(plans.kind).toBe('plans');
    expect(plans.nodes.find((n: any) => n.id === 'chat-feature/chat-workflow-engine').dependsOn).toEqual(['chat-feature/chat-infrastructure']);
    expect(plans.criticalPath).toEqual(['chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
  });

  it('plan_status rolls a roadmap up with its children and names blockers', async () => {
    const out = await callOk<any>(c.client, 'plan_status', { plan: 'chat-feature' });
    expect(out.plans.map((p: any) => p.plan)).toEqual(['chat-feature', 'chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
    const engine = out.plans.find((p: any) => p.plan === 'chat-feature/chat-workflow-engine');
    expect(engine.blockedBy).toEqual(['chat-feature/chat-infrastructure']);
    expect(engine.status).toBe('draft');
    const all = await callOk<any>(c.client, 'plan_status');
    expect(all.plans.find((p: any) => p.plan === 'approved-plan').blockedItems).toEqual(['T-3']);
  });

  it('list_features / read_feature show features and the plans touching them', async () => {
    const list = await callOk<any>(c.client, 'list_features', { text: 'chat' });
    const chat = list.features.find((f: any) => f.feature === 'chat');
    expect(chat.plans).toContain('chat-feature/chat-infrastructure');
    const one = await callOk<any>(c.client, 'read_feature', { feature: 'cli' });
    expect(one.title).toBeTruthy();
    expect(one.status).toBe('In Progress');
    expect(one.proposals).toEqual(['cli/batch-mode']);
    expect(one.plans).toContainEqual({ plan: 'approved-plan', status: 'approved' });
  });

  it('list_proposals / read_proposal show change requests', async () => {
    const list = await callOk<any>(c.client, 'list_proposals', { status: 'approved' });
    expect(list.proposals).toEqual([{ proposal: 'cli/batch-mode', title: 'Batch mode', status: 'approved', plan: null }]);
    const one = await callOk<any>(c.client, 'read_proposal', { proposal: 'cli/batch-mode', withMarkdown: true });
    expect(one.fields.map((f: any) => f.name)).toEqual(['Status', 'Author']);
    expect(one.markdown).toContain('Run many items');
  });

  it('lint_plans reports diagnostics in the CONTRACTS shape, limited to paths', async () => {
    const out = await callOk<any>(c.client, 'lint_plans', { paths: ['spec/plans/approved-plan'] });
    for (const d of out.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity']);
      expect(d.file.startsWith('spec/plans/approved-plan/')).toBe(true);
    }
    expect(typeof out.errorCount).toBe('number');
  });

  it('read_whats_next says how to create the report when it is missing', async () => {
    const res = await call(c.client, 'read_whats_next');
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ exists: false, recommended: [] });
    expect(res.text).toContain('regenerate_whats_next');
  });
});
