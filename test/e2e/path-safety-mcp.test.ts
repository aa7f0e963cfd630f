/**
 * Path safety on every MCP tool (and resource) that takes a plan, feature, proposal, slug or
 * path: an SDK client over the in-memory transport against tools/server.ts. Every vector comes
 * back as `isError` (the server keeps serving), nothing in or beside the root changes, and no
 * content from outside the root is returned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, type Connected } from '../support/mcp-helpers.js';
import { diffSnapshots, makeArena, planText, snapshot, type Arena } from '../support/hardening-helpers.js';
import { FILE_VECTORS, NAME_VECTORS, type Vector } from './vectors.js';

interface ToolPosition {
  name: string;
  tool: string;
  args: (v: string) => Record<string, unknown>;
  vectors: readonly Vector[];
}

const DRAFT_DOC = {
  title: 'Injected',
  context: 'A plan written through the MCP server.',
  acceptanceCriteria: ['It works'],
  steps: [{ number: '1', title: 'Do it', description: 'Do it.', dependsOn: [], produces: [], acceptanceCriteria: ['Done'], subSteps: [] }],
  risks: [],
  outstandingQuestions: [],
  effort: 'S',
  impact: 'low',
};

const POSITIONS: readonly ToolPosition[] = [
  { name: 'read_plan plan', tool: 'read_plan', args: (v) => ({ plan: v }), vectors: NAME_VECTORS },
  { name: 'plan_graph plan', tool: 'plan_graph', args: (v) => ({ plan: v }), vectors: NAME_VECTORS },
  { name: 'plan_status plan', tool: 'plan_status', args: (v) => ({ plan: v }), vectors: NAME_VECTORS },
  { name: 'export_plan plan', tool: 'export_plan', args: (v) => ({ plan: v, to: 'work-items' }), vectors: NAME_VECTORS },
  { name: 'apply_effort_impact plan', tool: 'apply_effort_impact', args: (v) => ({ plan: v, effort: 'S' }), vectors: NAME_VECTORS },
  { name: 'set_plan_status plan', tool: 'set_plan_status', args: (v) => ({ plan: v, status: 'in_review' }), vectors: NAME_VECTORS },
  { name: 'set_plan_status by', tool: 'set_plan_status', args: (v) => ({ plan: 'in-review', status: 'superseded', by: v }), vectors: NAME_VECTORS },
  { name: 'write_plan plan (markdown)', tool: 'write_plan', args: (v) => ({ plan: v, markdown: planText({ title: 'Injected' }) }), vectors: NAME_VECTORS },
  { name: 'write_plan plan (document)', tool: 'write_plan', args: (v) => ({ plan: v, document: DRAFT_DOC, feature: 'cli' }), vectors: NAME_VECTORS },
  { name: 'write_plan feature', tool: 'write_plan', args: (v) => ({ plan: 'fresh-plan', document: DRAFT_DOC, feature: v }), vectors: NAME_VECTORS },
  { name: 'write_plan proposal', tool: 'write_plan', args: (v) => ({ plan: 'fresh-plan', document: DRAFT_DOC, proposal: `cli/${v}` }), vectors: NAME_VECTORS },
  { name: 'draft_plan feature', tool: 'draft_plan', args: (v) => ({ feature: v, provider: 'none' }), vectors: NAME_VECTORS },
  { name: 'draft_plan proposal', tool: 'draft_plan', args: (v) => ({ proposal: `cli/${v}`, provider: 'none' }), vectors: NAME_VECTORS },
  { name: 'draft_plan slug', tool: 'draft_plan', args: (v) => ({ feature: 'api', slug: v, provider: 'none' }), vectors: NAME_VECTORS },
  { name: 'draft_plan parent', tool: 'draft_plan', args: (v) => ({ feature: 'api', parent: v, provider: 'none' }), vectors: NAME_VECTORS },
  { name: 'scaffold_plan slug', tool: 'scaffold_plan', args: (v) => ({ slug: v, title: 'T', author: '@a', features: ['cli'] }), vectors: NAME_VECTORS },
  {
    name: 'scaffold_plan features',
    tool: 'scaffold_plan',
    args: (v) => ({ slug: 'fresh-plan', title: 'T', author: '@a', features: [v] }),
    vectors: NAME_VECTORS,
  },
  {
    name: 'scaffold_plan proposal',
    tool: 'scaffold_plan',
    args: (v) => ({ slug: 'fresh-plan', title: 'T', author: '@a', proposal: `cli/${v}` }),
    vectors: NAME_VECTORS,
  },
  {
    name: 'scaffold_plan parent',
    tool: 'scaffold_plan',
    args: (v) => ({ slug: 'fresh-plan', title: 'T', author: '@a', features: ['cli'], parent: v }),
    vectors: NAME_VECTORS,
  },
  { name: 'read_feature feature', tool: 'read_feature', args: (v) => ({ feature: v, withMarkdown: true }), vectors: NAME_VECTORS },
  { name: 'read_proposal proposal', tool: 'read_proposal', args: (v) => ({ proposal: `cli/${v}`, withMarkdown: true }), vectors: NAME_VECTORS },
  {
    name: 'import_plan feature',
    tool: 'import_plan',
    args: (v) => ({ from: 'execplan', markdown: '# Add batch\n\n## Progress\n\n- [ ] Parse\n', feature: v, slug: 'imported' }),
    vectors: NAME_VECTORS,
  },
  {
    name: 'import_plan slug',
    tool: 'import_plan',
    args: (v) => ({ from: 'execplan', markdown: '# Add batch\n\n## Progress\n\n- [ ] Parse\n', feature: 'cli', slug: v }),
    vectors: NAME_VECTORS,
  },
  { name: 'lint_plans paths', tool: 'lint_plans', args: (v) => ({ paths: [v] }), vectors: FILE_VECTORS },
];

const LEAK = /Outside plan|Outside feature|Outside|do not read or write me|Evil\./;

let arena: Arena;
let c: Connected;
let base0: Map<string, string>;

beforeAll(async () => {
  arena = makeArena();
  base0 = snapshot(arena.base);
  c = await connectInMemory(arena.root);
});
afterAll(async () => {
  await c?.close();
  arena?.cleanup();
});

describe('every MCP tool refuses every hostile path', () => {
  for (const pos of POSITIONS) {
    describe(pos.name, () => {
      for (const v of pos.vectors) {
        it(`refuses ${v.name}`, async () => {
          const before = snapshot(arena.base);
          const res = await call(c.client, pos.tool, pos.args(v.value(arena)));
          expect(res.isError, `${pos.tool} ${JSON.stringify(pos.args(v.value(arena)))} → ${res.text}`).toBe(true);
          expect(res.text.length).toBeGreaterThan(0);
          expect(res.text).not.toMatch(/\n\s+at .+:\d+:\d+/);
          expect(res.text).not.toMatch(LEAK);
          expect(diffSnapshots(before, snapshot(arena.base))).toEqual([]);
        });
      }
    });
  }

  it('resources refuse paths out of the root', async () => {
    for (const uri of [
      'specscore://plans/../../outside/evil-plan',
      'specscore://plans/evil-link',
      'specscore://plans/%2e%2e/outside',
      'specscore://features/evil-link',
      'specscore://features/..%2F..%2Foutside%2Fevil-feature',
    ]) {
      let text = '';
      try {
        const r = await c.client.readResource({ uri });
        text = JSON.stringify(r);
        expect.fail(`${uri} was served: ${text.slice(0, 200)}`);
      } catch (e) {
        text = String((e as Error).message);
      }
      expect(text, uri).not.toMatch(LEAK);
    }
  });

  it('the server still serves, and the arena is unchanged after all of it', async () => {
    const plans = await callOk<{ total: number }>(c.client, 'list_plans', {});
    expect(plans.total).toBeGreaterThanOrEqual(3);
    const read = await callOk<{ document: { title: string } }>(c.client, 'read_plan', { plan: 'user-auth' });
    expect(read.document.title).toBe('User auth');
    expect(diffSnapshots(base0, snapshot(arena.base))).toEqual([]);
  });
});
