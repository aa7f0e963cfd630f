import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';

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

/**
 * What a client that hands the model only `content` passes on: the text blocks, and the links'
 * URIs. `structuredContent` never reaches the model.
 */
async function seen(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(res.isError, name).toBeFalsy();
  return res.content.map((b) => (b.type === 'text' ? b.text : b.type === 'resource_link' ? `<${b.uri}>` : '')).join('\n');
}

/** A scripted "model": copies the plan document out of what it read, and edits it as asked. */
const model = {
  documentIn(text: string, file: string): string {
    const start = text.indexOf(`--- ${file} ---\n`);
    const end = text.indexOf(`\n--- end of ${file} ---`);
    expect(start, `no document ${file} in: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(0);
    return `${text.slice(start + file.length + 9, end)}\n`;
  },
  addCriterion(markdown: string, criterion: string): string {
    return markdown.replace('## Acceptance criteria\n\n', `## Acceptance criteria\n\n- ${criterion}\n`);
  },
};

describe('a client that passes only content to its model', () => {
  it('reads a plan, edits its markdown and writes it back through write_plan', async () => {
    const plan = 'chat-feature/chat-infrastructure';
    const file = `spec/plans/${plan}/README.md`;
    const listing = await seen(c.client, 'list_plans', { feature: 'chat' });
    expect(listing).toContain(plan);
    const read = await seen(c.client, 'read_plan', { plan });
    const markdown = model.documentIn(read, file);
    expect(markdown).toBe(readFileSync(path.join(root, file), 'utf8'));
    const edited = model.addCriterion(markdown, 'Messages survive a restart of the server');
    expect(edited).not.toBe(markdown);
    const wrote = await seen(c.client, 'write_plan', { plan, markdown: edited });
    expect(wrote).toMatch(/Updated plan/);
    expect(readFileSync(path.join(root, file), 'utf8')).toBe(edited);
    expect(await seen(c.client, 'read_plan', { plan })).toContain('- Messages survive a restart of the server');
  });

  it('sees every field of read_plan in the text: status, progress of each step, blockers, graph', async () => {
    const out = await callOk<any>(c.client, 'read_plan', { plan: 'chat-feature/chat-workflow-engine' });
    const text = await seen(c.client, 'read_plan', { plan: 'chat-feature/chat-workflow-engine' });
    expect(text).toContain(`status ${out.status}`);
    expect(text).toContain(`parent ${out.parent}`);
    for (const s of out.progress.steps) expect(text).toContain(`${s.number} ${s.state}`);
    for (const b of out.blockedBy) expect(text).toContain(b);
    expect(text).toContain(`critical path: ${out.graph.criticalPath.join(' → ')}`);
    expect(text).toContain(out.document.context.trim().split('\n')[0]);
    expect(text).toContain('<specscore://plans/chat-feature/chat-workflow-engine>');
  });

  it('sees the whole feature and proposal documents', async () => {
    const feature = await callOk<any>(c.client, 'read_feature', { feature: 'chat' });
    const text = await seen(c.client, 'read_feature', { feature: 'chat' });
    expect(text).toContain(readFileSync(path.join(root, 'spec/features/chat/README.md'), 'utf8').trimEnd());
    for (const ac of feature.acceptanceCriteria) expect(text).toContain(ac);
    const proposal = await seen(c.client, 'read_proposal', { proposal: 'cli/batch-mode' });
    expect(proposal).toContain('Run many items from one file.');
  });

  it('sees every field of list rows and graph nodes', async () => {
    const rows = await callOk<any>(c.client, 'list_plans', { limit: 200 });
    const text = await seen(c.client, 'list_plans', { limit: 200 });
    for (const r of rows.plans) {
      const line = text.split('\n').find((l) => l.startsWith(`${r.plan} [`))!;
      expect(line, r.plan).toBeTruthy();
      expect(line).toContain(r.title);
      expect(line).toContain(`${r.progress} steps`);
      expect(line).toContain(`effort ${r.effort ?? '-'}, impact ${r.impact ?? '-'}`);
      for (const f of r.features) expect(line).toContain(f);
    }
    const features = await seen(c.client, 'list_features', { text: 'chat' });
    expect(features).toMatch(/proposals, \d+ sub-features/);
    const graph = await seen(c.client, 'plan_graph', { plan: 'approved-plan' });
    expect(graph).toContain('2. Check the thing — depends on 1');
  });
});
