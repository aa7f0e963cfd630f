/**
 * The stdio flow control on real Node streams: what it hands to the SDK transport, in what
 * order, and when it stops; then the real MCP server (tools/server.ts) behind the bounded
 * transport with a real SDK client, including sampling round trips that must not deadlock.
 */
import { PassThrough, Writable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/app/session.js';
import { createServer } from '../../tools/server.js';
import { InputGate, type GateLimits } from '../../tools/stdio-gate.js';
import { BoundedStdioServerTransport } from '../../tools/stdio-transport.js';
import { makeArena, type Arena } from '../support/hardening-helpers.js';
import { memoryLogger } from '../support/mcp-helpers.js';
import { StreamClientTransport } from './stream-client-transport.js';

const req = (id: number | string, method = 'ping') => `${JSON.stringify({ jsonrpc: '2.0', id, method })}\n`;
const res = (id: number | string) => ({ jsonrpc: '2.0' as const, id, result: {} });
const tick = () => new Promise((r) => setImmediate(r));

/** A gate on fresh streams; `handed` lists what it passed on, parsed. */
function gateOn(limits: Partial<GateLimits>, output: Writable = new PassThrough(), input = new PassThrough()) {
  const gate = new InputGate(input, output, limits);
  const handed: Array<Record<string, unknown>> = [];
  gate.stream.on('data', (d: Buffer) => handed.push(JSON.parse(d.toString()) as Record<string, unknown>));
  gate.start();
  return { input, output, gate, handed, ids: () => handed.map((m) => m.id ?? m.method) };
}

/** A writable that takes writes only when told to, so its buffer grows like an unread pipe. */
function stuckOutput(): Writable & { release(): void } {
  const held: Array<() => void> = [];
  let open = false;
  const w = new Writable({
    highWaterMark: 100,
    write(_chunk, _enc, cb) {
      if (open) cb();
      else held.push(cb);
    },
  }) as Writable & { release(): void };
  w.release = () => {
    open = true;
    for (const cb of held.splice(0)) cb();
  };
  return w;
}

describe('InputGate', () => {
  it('hands requests on in order, holding those over the in-flight limit until answers go out', async () => {
    const g = gateOn({ maxInFlight: 2 });
    for (let i = 1; i <= 5; i++) g.input.write(req(i));
    await tick();
    expect(g.ids()).toEqual([1, 2]);
    g.gate.sent(res(1));
    await tick();
    expect(g.ids()).toEqual([1, 2, 3]);
    g.gate.sent(res(3));
    g.gate.sent(res(2));
    await tick();
    expect(g.ids()).toEqual([1, 2, 3, 4, 5]);
    expect(g.gate.pending()).toBe(2);
  });

  it('hands nothing on while the client leaves too much output unread', async () => {
    const out = stuckOutput();
    const g = gateOn({ maxPendingOutput: 1000 }, out);
    out.write(Buffer.alloc(5000));
    for (let i = 1; i <= 3; i++) g.input.write(req(i));
    await tick();
    expect(g.handed).toHaveLength(0);
    out.release();
    await tick();
    expect(g.ids()).toEqual([1, 2, 3]);
  });

  it('stops reading input once its queue is full, so the client blocks', async () => {
    const g = gateOn({ maxInFlight: 1, maxQueuedInput: 2000 }, new PassThrough(), new PassThrough({ highWaterMark: 1024 }));
    let accepted = 0;
    for (let i = 1; i <= 300; i++) if (g.input.write(req(i))) accepted++;
    await tick();
    expect(g.input.isPaused()).toBe(true);
    expect(accepted).toBeLessThan(100);
    expect(g.ids()).toEqual([1]);
    for (let i = 1; i <= 300; i++) {
      g.gate.sent(res(i));
      await tick();
    }
    expect(g.ids()).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('lets answers to the server\u2019s own requests pass requests waiting for a slot', async () => {
    const g = gateOn({ maxInFlight: 1 });
    g.input.write(req(1, 'tools/call'));
    g.input.write(req(2));
    g.input.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } })}\n`);
    g.input.write(`${JSON.stringify(res('server-1'))}\n`);
    await tick();
    // request 1 is in flight (waiting for the answer to server-1); request 2 and the notification keep their order
    expect(g.ids()).toEqual([1, 'server-1']);
    g.gate.sent(res(1));
    await tick();
    expect(g.ids()).toEqual([1, 'server-1', 2, 'notifications/progress']);
  });

  it('frees the slot of a cancelled request (the SDK does not answer it)', async () => {
    const g = gateOn({ maxInFlight: 1 });
    g.input.write(req(1));
    g.input.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } })}\n`);
    g.input.write(req(2));
    await tick();
    expect(g.ids()).toEqual([1, 'notifications/cancelled', 2]);
  });

  it('reports and skips a line that is not JSON-RPC, and keeps going', async () => {
    const g = gateOn({});
    const errors: string[] = [];
    g.gate.onInvalid = (e) => errors.push(e.message);
    g.input.write('{oops\n');
    g.input.write('{"hello": "world"}\n');
    g.input.write(req(3));
    await tick();
    expect(g.ids()).toEqual([3]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/line 1 on stdin is not JSON/);
    expect(errors[1]).toMatch(/line 2 on stdin is JSON but not a JSON-RPC/);
  });

  it('joins a message split across reads and accepts CRLF', async () => {
    const g = gateOn({});
    const line = req(42).replace('\n', '\r\n');
    g.input.write(line.slice(0, 10));
    await tick();
    g.input.write(line.slice(10));
    await tick();
    expect(g.ids()).toEqual([42]);
  });

  it('fails on a line over the message limit without buffering it', async () => {
    const g = gateOn({ maxMessage: 1000 });
    g.input.write('x'.repeat(600));
    g.input.write('x'.repeat(600));
    const end = await g.gate.done;
    expect(end.kind).toBe('failed');
    expect(end.kind === 'failed' && end.error.message).toMatch(/a message on stdin is over/);
  });

  it('settles only after input ended and every request read was answered', async () => {
    const g = gateOn({ maxInFlight: 1 });
    let settled = false;
    void g.gate.done.then(() => (settled = true));
    g.input.end(req(1) + req(2));
    await tick();
    expect(g.ids()).toEqual([1]);
    g.gate.sent(res(1));
    await tick();
    expect(g.ids()).toEqual([1, 2]);
    expect(settled).toBe(false);
    g.gate.sent(res(2));
    expect(await g.gate.done).toEqual({ kind: 'input-ended' });
  });
});

describe('the MCP server behind the bounded stdio transport', () => {
  let arena: Arena | null = null;
  afterEach(() => {
    arena?.cleanup();
    arena = null;
  });

  it('completes more concurrent sampling tool calls than the in-flight limit without deadlock', async () => {
    arena = makeArena({ git: false, symlinks: false });
    writeFileSync(path.join(arena.root, 'specscore.yaml'), 'planning:\n  llm:\n    provider: sampling\n');
    const ctx = new Session({ root: arena.root, logger: memoryLogger() });
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const handle = await createServer(ctx);
    const transport = new BoundedStdioServerTransport(toServer, fromServer, { maxInFlight: 2 });
    await handle.server.connect(transport);
    const client = new Client({ name: 'sampler', version: '1' }, { capabilities: { sampling: {} } });
    let sampled = 0;
    client.setRequestHandler(CreateMessageRequestSchema, async () => {
      sampled++;
      const draft = {
        title: 'Sampled',
        context: 'Drafted through sampling.',
        acceptanceCriteria: ['Works'],
        steps: [{ number: '1', title: 'Do it', description: 'Do it.', dependsOn: [], produces: [], acceptanceCriteria: ['Done'], subSteps: [] }],
        risks: [],
        outstandingQuestions: [],
        effort: 'S',
        impact: 'low',
      };
      return { model: 'm', role: 'assistant', content: { type: 'text', text: JSON.stringify(draft) } };
    });
    await client.connect(new StreamClientTransport(fromServer, toServer));
    try {
      const calls = Array.from({ length: 5 }, (_, i) =>
        client.callTool({ name: 'draft_plan', arguments: { feature: 'cli', slug: `sampled-${i}`, dryRun: true } }, undefined, { timeout: 20_000 }),
      );
      const results = await Promise.all(calls);
      for (const r of results) expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      expect(sampled).toBe(5);
      expect(transport.pending()).toBe(0);
    } finally {
      await client.close();
      handle.dispose();
      await handle.server.close();
    }
  }, 60_000);
});
