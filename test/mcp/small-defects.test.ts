import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { McpError, ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_PLAN, call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  c = await connectInMemory(root, { watch: true });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A draft plan whose step 2 has sub-steps, written the way people write them (two-space list indents). */
const SUBSTEPS = APPROVED_PLAN.replace('# Plan: Frozen approach', '# Plan: Sub-steps')
  .replace('**Status:** approved', '**Status:** draft')
  .replace('**Approver:** @jordan\n', '')
  .replace('**Approved:** 2026-03-02\n', '')
  .replace('- Nothing changes here', '* Nothing changes here\n    and this line is indented by its author')
  .replace('  - [cli](../../features/cli/README.md)', '    - [cli](../../features/cli/README.md)')
  .replace('- The thing is checked', '*   The thing is checked')
  .replace(
    '## Outstanding Questions',
    '#### 2.1. Check one half\n\n**Acceptance criteria:**\n- One half is checked\n\n#### 2.2. Check the other half\n\n**Acceptance criteria:**\n- The other half is checked\n\n## Outstanding Questions',
  );

describe('smaller defects', () => {
  it('an error never echoes a huge argument back whole', async () => {
    const res = await call(c.client, 'read_plan', { plan: 'x'.repeat(9 * 1024 * 1024) });
    expect(res.isError).toBe(true);
    expect(res.text.length).toBeLessThan(10_000);
    expect(res.text).toMatch(/characters, cut/);
    expect(res.text).toContain('list_plans');
  });

  it('prompt argument errors are invalid params (-32602), not internal errors', async () => {
    for (const [name, args] of [
      ['review_plan', { plan: 'nope' }],
      ['draft_plan', {}],
      ['suggest_effort_impact', { plan: '../etc' }],
    ] as const) {
      const err = await c.client.getPrompt({ name, arguments: args }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(McpError);
      expect((err as McpError).code, name).toBe(-32602);
    }
  });

  it('one write sends resources/updated once per file and no list_changed', async () => {
    await callOk(c.client, 'write_plan', { plan: 'sub-steps', markdown: SUBSTEPS });
    await sleep(1000);
    await c.client.subscribeResource({ uri: 'specscore://plans/sub-steps' });
    const updated: string[] = [];
    let listChanged = 0;
    c.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updated.push(n.params.uri));
    c.client.setNotificationHandler(ResourceListChangedNotificationSchema, () => void listChanged++);
    await callOk(c.client, 'write_plan', { plan: 'sub-steps', markdown: SUBSTEPS.replace('One half is checked', 'One half is checked twice') });
    await sleep(1500);
    expect(updated).toEqual(['specscore://plans/sub-steps']);
    expect(listChanged).toBe(0);
  });

  it('plan_graph node predecessors agree with its layers (sub-steps included)', async () => {
    const g = await callOk<{ nodes: Array<{ id: string; dependsOn: string[] }>; layers: string[][] }>(c.client, 'plan_graph', { plan: 'sub-steps' });
    const layerOf = new Map(g.layers.flatMap((l, i) => l.map((id) => [id, i] as const)));
    for (const n of g.nodes) {
      for (const d of n.dependsOn) expect(layerOf.get(d)!, `${d} before ${n.id}`).toBeLessThan(layerOf.get(n.id)!);
      const layer = layerOf.get(n.id)!;
      if (layer > 0)
        expect(
          n.dependsOn.some((d) => layerOf.get(d) === layer - 1),
          `${n.id} in layer ${layer} waits on the layer before`,
        ).toBe(true);
    }
    expect(g.nodes.find((n) => n.id === '2')!.dependsOn).toEqual(expect.arrayContaining(['1', '2.1', '2.2']));
  });

  it('write_plan with a read_plan document keeps the lines it did not change', async () => {
    const file = path.join(root, 'spec/plans/sub-steps/README.md');
    const before = readFileSync(file, 'utf8');
    const { document } = await callOk<{ document: { steps: Array<{ title: string }> } }>(c.client, 'read_plan', { plan: 'sub-steps' });
    document.steps[0]!.title = 'Do the thing first';
    await callOk(c.client, 'write_plan', { plan: 'sub-steps', document });
    const after = readFileSync(file, 'utf8');
    const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    expect(changed).toEqual(['### 1. Do the thing first']);
    expect(after).toContain('\n    and this line is indented by its author');
  });

  it("superseding dates the closing today, not by the successor's Created", async () => {
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  llm:\n    provider: none\n');
    // The successor was written weeks before the old plan is superseded.
    const successor = SUBSTEPS.replace('# Plan: Sub-steps', '# Plan: Successor').replace('**Created:** 2026-03-01', '**Created:** 2026-03-10');
    await callOk(c.client, 'write_plan', { plan: 'successor', markdown: successor });
    await callOk(c.client, 'set_plan_status', { plan: 'approved-plan', status: 'superseded', by: 'successor' });
    const index = readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8');
    const closed = index.slice(index.indexOf('## Recently Closed'));
    const row = closed.split('\n').find((l) => l.includes('approved-plan'))!;
    expect(row).toContain('2026-04-01'); // the session's today
    await callOk(c.client, 'update_index', {});
    const again = readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8');
    expect(
      again
        .slice(again.indexOf('## Recently Closed'))
        .split('\n')
        .find((l) => l.includes('approved-plan')),
    ).toBe(row);
  });

  it('a roadmap cannot be approved while a child is still a draft', async () => {
    const roadmap = path.join(root, 'spec/plans/chat-feature/README.md');
    const text = readFileSync(roadmap, 'utf8');
    if (!/\*\*Status:\*\* in_review/.test(text)) await callOk(c.client, 'set_plan_status', { plan: 'chat-feature', status: 'in_review' });
    const res = await call(c.client, 'set_plan_status', { plan: 'chat-feature', status: 'approved', approver: '@jordan' });
    expect(res.isError, res.text).toBe(true);
    expect(res.text).toMatch(/still draft/);
    expect(res.text).toContain('chat-feature/chat-infrastructure');
    expect(readFileSync(roadmap, 'utf8')).not.toMatch(/\*\*Status:\*\* approved/);
  });
});
