import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ListRootsRequestSchema, LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/app/session.js';
import { stderrLogger } from '../../tools/context.js';
import { createServer } from '../../tools/server.js';
import { callOk, makeRepo, removeRepo } from '../support/mcp-helpers.js';

let rootA: string;
let rootB: string;
const empty = mkdtempSync(path.join(os.tmpdir(), 'specplan-no-spec-'));

beforeAll(() => {
  rootA = makeRepo({ git: false });
  rootB = makeRepo({ git: false, small: true });
});
afterAll(() => {
  removeRepo(rootA);
  removeRepo(rootB);
  removeRepo(empty);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server started without --root (following roots) and a client offering roots and hearing log messages. */
async function connect(roots: () => string[]) {
  const ctx = new Session({ root: empty, logger: stderrLogger('silent'), now: () => new Date('2026-04-01T12:00:00Z') });
  const adopted: string[] = [];
  const handle = createServer(ctx, { followRoots: (r) => void adopted.push(r) });
  const client = new Client({ name: 'roots', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: roots().map((r) => ({ uri: `file://${r}`, name: path.basename(r) })) }));
  const logs: Array<{ level: string; data: unknown }> = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
  const [a, b] = InMemoryTransport.createLinkedPair();
  await handle.server.connect(b);
  await client.connect(a);
  return { ctx, client, adopted, logs, close: async () => (handle.dispose(), await client.close()) };
}

describe('what a heavy MCP client expects', () => {
  it("serves the spec repository found in the client's roots, and follows roots/list_changed", async () => {
    let roots = [os.tmpdir() === '/' ? '/nonexistent' : '/proc', path.join(rootA, 'spec', 'plans')];
    const c = await connect(() => roots);
    try {
      await sleep(300);
      expect(c.ctx.root).toBe(rootA);
      expect((await callOk<{ total: number }>(c.client, 'list_plans')).total).toBeGreaterThan(0);
      roots = [rootB];
      await c.client.sendRootsListChanged();
      await sleep(300);
      expect(c.ctx.root).toBe(rootB);
      expect(c.adopted).toEqual([rootA, rootB]);
    } finally {
      await c.close();
    }
  });

  it('logs to the client at the level it sets (logging/setLevel, notifications/message)', async () => {
    const c = await connect(() => [rootA]);
    try {
      await sleep(300);
      expect(c.logs.some((l) => l.level === 'info' && String(l.data).includes(rootA))).toBe(true);
      await c.client.setLoggingLevel('error');
      const before = c.logs.length;
      c.ctx.log.info('an info line the client does not want');
      c.ctx.log.error('an error line it does');
      await sleep(50);
      expect(c.logs.slice(before).map((l) => l.data)).toEqual(['an error line it does']);
    } finally {
      await c.close();
    }
  });

  it('pages resources/list, and read results link to the resources they are about', async () => {
    const c = await connect(() => [rootA]);
    try {
      await sleep(300);
      const first = await c.client.listResources();
      expect(first.resources).toHaveLength(100);
      expect(first.nextCursor).toBe('100');
      const second = await c.client.listResources({ cursor: first.nextCursor });
      expect(second.resources[0]!.uri).not.toBe(first.resources[0]!.uri);
      const uris = new Set([...first.resources, ...second.resources].map((r) => r.uri));
      expect(uris.has('specscore://plans/approved-plan')).toBe(true);
      const res = (await c.client.callTool({ name: 'read_plan', arguments: { plan: 'approved-plan' } })) as CallToolResult;
      expect(res.content).toContainEqual(expect.objectContaining({ type: 'resource_link', uri: 'specscore://plans/approved-plan' }));
      const { tools } = await c.client.listTools();
      for (const t of tools) expect(t.title, t.name).toBeTruthy();
    } finally {
      await c.close();
    }
  });
});
