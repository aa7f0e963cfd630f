/**
 * The Streamable HTTP server against a hostile web page and a hostile local client: the real
 * server (tools/http.ts) on a real loopback port over a real temp repository, probed with raw
 * HTTP requests. A rejected request must create no MCP server, transport or session; open
 * sessions are capped; idle sessions are released.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/app/session.js';
import { serveHttp, type HttpHandle, type HttpOptions } from '../../tools/http.js';
import { memoryLogger } from '../support/mcp-helpers.js';
import { makeArena, type Arena } from '../support/hardening-helpers.js';
import { collectGarbage, countSubscriptions, errorMessage, goodHeaders, initBody, raw, type SubscriptionCounter } from '../support/security-mcp-support.js';

let arena: Arena;
let ctx: Session;
let subs: SubscriptionCounter;
let server: HttpHandle | null = null;

beforeEach(() => {
  arena = makeArena({ git: false, symlinks: false });
  ctx = new Session({ root: arena.root, logger: memoryLogger() });
  subs = countSubscriptions(ctx);
});
afterEach(async () => {
  await server?.close();
  server = null;
  arena.cleanup();
});

async function start(opts: Partial<HttpOptions> = {}): Promise<HttpHandle> {
  server = await serveHttp(ctx, { port: 0, ...opts });
  return server;
}

/** Open a session with a well-formed initialize; returns its id. */
async function openSession(port: number, extra: Record<string, string> = {}): Promise<string> {
  const r = await raw(port, { headers: goodHeaders(port, extra), body: initBody() });
  expect(r.status, r.text).toBe(200);
  const id = r.headers['mcp-session-id'];
  expect(typeof id).toBe('string');
  return id as string;
}

describe('requests refused before any server object exists', () => {
  it('a foreign Host header (DNS rebinding) is refused with 403 and leaves nothing behind', async () => {
    const { port } = await start();
    for (let i = 0; i < 40; i++) {
      const r = await raw(port, { headers: goodHeaders(port, { host: `evil.example:${port}` }), body: initBody() });
      expect(r.status).toBe(403);
      expect(errorMessage(r)).toMatch(/Host/);
    }
    expect(subs.taken()).toBe(0);
    expect(subs.live()).toBe(0);
    expect(server!.stats()).toEqual({ sessions: 0, servers: 0, created: 0 });
  });

  it('a Host naming another port is refused', async () => {
    const { port } = await start();
    const r = await raw(port, { headers: goodHeaders(port, { host: `127.0.0.1:${port + 1}` }), body: initBody() });
    expect(r.status).toBe(403);
    expect(subs.taken()).toBe(0);
  });

  it('a cross-origin text/plain POST from a web page is refused with 403 and leaves nothing behind', async () => {
    const { port } = await start();
    // What a page's fetch(..., {mode: 'no-cors', body}) sends: a "simple" request, no preflight.
    const headers = { host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8', accept: '*/*' };
    for (let i = 0; i < 40; i++) {
      const r = await raw(port, { headers, body: initBody() });
      expect(r.status).toBe(403);
      expect(errorMessage(r)).toMatch(/Origin/);
    }
    expect(subs.taken()).toBe(0);
    expect(subs.live()).toBe(0);
  });

  it('a web page origin is refused even with headers a real client sends', async () => {
    const { port } = await start();
    for (const origin of ['https://evil.example', 'http://evil.example:80', 'null', 'http://127.0.0.1.evil.example', 'file://']) {
      const r = await raw(port, { headers: goodHeaders(port, { origin }), body: initBody() });
      expect(r.status, origin).toBe(403);
      expect(errorMessage(r), origin).toMatch(/Origin/);
    }
    expect(subs.taken()).toBe(0);
    expect(server!.sessions()).toBe(0);
  });

  it('a loopback origin (a local tool in the browser) is accepted', async () => {
    const { port } = await start();
    await openSession(port, { origin: 'http://localhost:6274' });
    await openSession(port, { origin: `http://127.0.0.1:${port}` });
    expect(server!.sessions()).toBe(2);
  });

  it('a POST without the Accept or Content-Type the protocol requires is refused and leaves nothing behind', async () => {
    const { port } = await start();
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ accept: 'application/json' }, 406, /Accept.*text\/event-stream/],
      [{ accept: '*/*' }, 406, /Accept/],
      [{ 'content-type': 'text/plain' }, 415, /Content-Type.*application\/json/],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 415, /Content-Type/],
    ];
    for (let i = 0; i < 10; i++) {
      for (const [extra, status, message] of cases) {
        const r = await raw(port, { headers: goodHeaders(port, extra), body: initBody() });
        expect(r.status, JSON.stringify(extra)).toBe(status);
        expect(errorMessage(r)).toMatch(message);
      }
    }
    expect(subs.taken()).toBe(0);
  });

  it('an initialize the protocol layer refuses after the checks releases its server', async () => {
    const { port } = await start();
    // media types are case-insensitive, so the checks pass it; the SDK compares them verbatim
    const r = await raw(port, { headers: goodHeaders(port, { accept: 'Application/JSON, Text/Event-Stream' }), body: initBody() });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(subs.live()).toBe(0);
    expect(server!.stats()).toMatchObject({ sessions: 0, servers: 0 });
  });

  it('checks the bearer token first', async () => {
    const { port } = await start({ token: 'secret' });
    const r = await raw(port, { headers: goodHeaders(port, { host: 'evil.example', origin: 'https://evil.example' }), body: initBody() });
    expect(r.status).toBe(401);
    expect(subs.taken()).toBe(0);
  });

  it('refuses a body over the size limit without reading it all', async () => {
    const { port } = await start();
    const r = await raw(port, { headers: goodHeaders(port, { 'content-length': String(64 * 1024 * 1024) }), body: '' }).catch((e: Error) => ({
      status: -1,
      text: e.message,
      headers: {},
    }));
    // the server answers 413 from the declared length and closes the connection
    expect([413, -1]).toContain(r.status);
    expect(subs.taken()).toBe(0);
  }, 5_000);
});

describe('open sessions are capped', () => {
  it('refuses a new initialize over the cap with 503 and a message, keeping the open sessions', async () => {
    const { port } = await start({ maxSessions: 3 });
    const ids = [await openSession(port), await openSession(port), await openSession(port)];
    const over = await raw(port, { headers: goodHeaders(port), body: initBody() });
    expect(over.status).toBe(503);
    expect(errorMessage(over)).toMatch(/3 sessions/);
    expect(errorMessage(over)).toMatch(/--max-sessions/);
    expect(over.headers['retry-after']).toBeDefined();
    expect(server!.sessions()).toBe(3);
    expect(subs.live()).toBe(3);
    // the open sessions still work
    const list = await raw(port, {
      headers: goodHeaders(port, { 'mcp-session-id': ids[0]! }),
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(list.status).toBe(200);
    expect(list.text).toContain('list_plans');
    // closing one frees a slot
    const del = await raw(port, { method: 'DELETE', headers: { host: `127.0.0.1:${port}`, 'mcp-session-id': ids[1]! } });
    expect(del.status).toBe(200);
    expect(server!.sessions()).toBe(2);
    await openSession(port);
    expect(subs.live()).toBe(3);
  });

  it('counts sessions still being opened, so a burst of initializes cannot overshoot the cap', async () => {
    const { port } = await start({ maxSessions: 4 });
    const results = await Promise.all(Array.from({ length: 20 }, () => raw(port, { headers: goodHeaders(port), body: initBody() })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(results.filter((r) => r.status === 503)).toHaveLength(16);
    expect(subs.live()).toBe(4);
    expect(server!.sessions()).toBe(4);
  });
});

describe('idle sessions expire', () => {
  it('closes sessions idle past the limit and releases everything they held', async () => {
    const { port } = await start({ idleMs: 300 });
    const ids = [await openSession(port), await openSession(port), await openSession(port)];
    expect(subs.live()).toBe(3);
    const deadline = Date.now() + 10_000;
    while (server!.sessions() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(server!.sessions()).toBe(0);
    expect(subs.live()).toBe(0);
    const stale = await raw(port, {
      headers: goodHeaders(port, { 'mcp-session-id': ids[0]! }),
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
    expect(errorMessage(stale)).toMatch(/initialize/);
    await collectGarbage();
    expect(subs.allCollected()).toBe(true);
  });

  it('keeps a session whose event stream is open, and expires it once the client hangs up', async () => {
    const { port } = await start({ idleMs: 300 });
    const id = await openSession(port);
    const { request } = await import('node:http');
    const stream = request({
      host: '127.0.0.1',
      port,
      path: '/mcp',
      method: 'GET',
      agent: false,
      headers: { host: `127.0.0.1:${port}`, accept: 'text/event-stream', 'mcp-session-id': id },
    });
    const opened = new Promise<number>((resolve) => stream.on('response', (r) => resolve(r.statusCode ?? 0)));
    stream.on('error', () => {});
    stream.end();
    expect(await opened).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(server!.sessions()).toBe(1);
    stream.destroy();
    const deadline = Date.now() + 10_000;
    while (server!.sessions() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(server!.sessions()).toBe(0);
    expect(subs.live()).toBe(0);
  });

  it('keeps a session that is in use', async () => {
    const { port } = await start({ idleMs: 400 });
    const id = await openSession(port);
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const r = await raw(port, { headers: goodHeaders(port, { 'mcp-session-id': id }), body: JSON.stringify({ jsonrpc: '2.0', id: i + 10, method: 'ping' }) });
      expect(r.status).toBe(200);
    }
    expect(server!.sessions()).toBe(1);
  });

  it('releases the server objects of rejected requests to the garbage collector', async () => {
    const { port } = await start();
    for (let i = 0; i < 20; i++)
      await raw(port, { headers: { host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'text/plain' }, body: initBody() });
    await collectGarbage();
    expect(subs.allCollected()).toBe(true);
    expect(subs.live()).toBe(0);
  });
});
