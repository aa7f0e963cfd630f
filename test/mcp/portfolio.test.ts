import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, PROJECT_ROOT, type Connected } from '../support/mcp-helpers.js';
import { parseMermaid, mermaidBlocks } from '../support/diagrams.js';
import { portfolioGraph } from '../../src/app/portfolio.js';
import { renderPortfolioMermaid } from '../../src/render/portfolio.js';

let root: string;
let c: Connected;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mcp-portfolio-'));
  cpSync(path.join(PROJECT_ROOT, 'examples/acme-spec'), root, { recursive: true });
  c = await connectInMemory(root);
});
afterAll(async () => {
  await c?.close();
  rmSync(root, { recursive: true, force: true });
});

interface GraphResult {
  kind: string;
  plan: string | null;
  nodes: Array<{ id: string; state?: string; dependsOn: string[] }>;
  mermaid?: string;
}

describe('the portfolio over MCP', () => {
  it('plan_graph without a plan returns the same picture as specplan graph, with a mermaid text block', async () => {
    const res = await call(c.client, 'plan_graph', {});
    expect(res.isError).toBeFalsy();
    const g = res.structuredContent as unknown as GraphResult;
    expect(g.kind).toBe('portfolio');
    expect(g.plan).toBeNull();
    const cli = renderPortfolioMermaid(await portfolioGraph({ root }));
    expect(g.mermaid).toBe(cli);
    expect(res.text).toContain(cli.trimEnd());
    await parseMermaid(g.mermaid!);
    const retries = g.nodes.find((n) => n.id === 'billing-roadmap/payment-retries');
    expect(retries).toMatchObject({ state: 'blocked', dependsOn: ['billing-roadmap/invoice-pdf'] });
    expect(g.mermaid).toContain('subgraph r_billing_roadmap["Billing roadmap · 1/3 done"]');
  });

  it('plan_graph with a roadmap limits the picture; a plan that is not a roadmap is a clear error', async () => {
    const g = await callOk<GraphResult>(c.client, 'plan_graph', { roadmap: 'billing-roadmap' });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['billing-roadmap/invoice-pdf', 'billing-roadmap/payment-retries']);
    const bad = await call(c.client, 'plan_graph', { roadmap: 'user-auth' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('user-auth is not a roadmap');
  });

  it('plan_graph with a plan still draws its steps', async () => {
    const g = await callOk<GraphResult>(c.client, 'plan_graph', { plan: 'user-auth' });
    expect(g.kind).toBe('steps');
  });

  it('specscore://portfolio is listed and reads as markdown with one parseable mermaid block', async () => {
    const { resources } = await c.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('specscore://portfolio');
    const read = await c.client.readResource({ uri: 'specscore://portfolio' });
    const text = (read.contents[0] as { text: string }).text;
    expect(read.contents[0]!.mimeType).toBe('text/markdown');
    const blocks = mermaidBlocks(text);
    expect(blocks).toHaveLength(1);
    await parseMermaid(blocks[0]!);
    expect(text).toContain('[billing-roadmap](billing-roadmap/) `███░░░░░░░ 1/3` child plans done');
  });
});
