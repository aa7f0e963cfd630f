import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

const READ_ONLY = [
  'list_features',
  'read_feature',
  'list_proposals',
  'read_proposal',
  'list_plans',
  'read_plan',
  'lint_plans',
  'plan_graph',
  'plan_status',
  'read_whats_next',
  'suggest_effort_impact',
];
const WRITING = ['scaffold_plan', 'draft_plan', 'write_plan', 'apply_effort_impact', 'set_plan_status', 'update_index', 'regenerate_whats_next'];

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  c = await connectInMemory(root);
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

SYNCHESTRA.describe('tools/list', () => {
  it('has every CONTRACTS tool with input and output schemas and honest annotations', async () => {
    const { tools } = await c.client.listTools();
    const names = tools.map((t) => t.name);
    for (const n of [...READ_ONLY, ...WRITING]) expect(names).toContain(n);
    for (const t of tools) {
      expect(t.description, t.name).toBeTruthy();
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type, t.name).toBe('object');
      if (READ_ONLY.includes(t.name)) expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      if (WRITING.includes(t.name)) expect(t.annotations?.readOnlyHint, t.name).toBe(false);
    }
  });

  it('describes every input field', async () => {
    const { tools } = await c.client.listTools();
    for (const t of tools) {
      for (const [field, schema] of Object.entries(t.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${t.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('stays under 24,000 characters of JSON', async () => {
    const res = await c.client.listTools();
    const size = JSON.stringify(res).length;
    const perTool = res.tools.map((t) => [t.name, JSON.stringify(t).length] as const).sort((a, b) => b[1] - a[1]);
    console.error(
      `tools/list: ${size} characters for ${res.tools.length} tools; largest: ${perTool
        .slice(0, 4)
        .map(([n, s]) => `${n} ${s}`)
        .join(', ')}`,
    );
    expect(size).toBeLessThan(24_000);
  });
});
