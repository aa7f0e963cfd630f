import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from './context.js';
import { readJsonBody } from './http-body.js';
import { allowedHosts, checkRequest, tokenMatches, type Refusal } from './http-guard.js';
import { DEFAULT_IDLE_MS, DEFAULT_MAX_SESSIONS } from './http-limits.js';
import { createServer, type ServerHandle } from './server.js';
import type { ToolSelection } from './tool-selection.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Bearer token every request must carry; none when empty. */
  token?: string | undefined;
  /** Sessions without a request in flight for this long are closed (default 30 minutes). */
  idleMs?: number | undefined;
  /** Most sessions open at once, counting those being opened (default 64). */
  maxSessions?: number | undefined;
  /** The tools each session offers. */
  tools?: ToolSelection | undefined;
}

/** What the server holds: sessions, and MCP server objects alive (sessions plus those opening). */
interface HttpStats {
  sessions: number;
  servers: number;
  /** MCP server objects created since start. */
  created: number;
}

export interface HttpHandle {
  url: string;
  port: number;
  /** The session cap in force. */
  maxSessions: number;
  /** Open sessions. */
  sessions(): number;
  stats(): HttpStats;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  seen: number;
  // requests in flight, an open event stream included
  busy: number;
}

function refuse(res: ServerResponse, r: Refusal): void {
  res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: r.code ?? -32000, message: r.message }, id: null }));
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

/**
 * Streamable HTTP on 127.0.0.1 with stateful sessions (one MCP server per session, so sampling
 * and notifications reach the right client). Endpoint: `/mcp`. Every request passes, in order,
 * the bearer token (when set), the Host/Origin/method/Accept/Content-Type checks and the body
 * limit before anything is created for it; only an `initialize` under the session cap creates
 * an MCP server and transport, and both are released when the session ends, expires or the
 * initialize is refused by the protocol layer.
 */
export async function serveHttp(ctx: ToolContext, opts: HttpOptions): Promise<HttpHandle> {
  const sessions = new Map<string, Session>();
  const maxSessions = opts.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  let port = opts.port;
  let servers = 0;
  let created = 0;

  async function inSession(s: Session, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    s.busy++;
    s.seen = Date.now();
    try {
      await s.transport.handleRequest(req, res, body);
    } finally {
      s.busy--;
      s.seen = Date.now();
    }
  }

  async function openSession(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    servers++;
    created++;
    let serverHandle: ServerHandle | null = null;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      servers--;
      serverHandle?.dispose();
    };
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts: allowedHosts(port),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, seen: Date.now(), busy: 1 });
        ctx.log.debug(`HTTP session ${id} opened (${sessions.size} open)`);
      },
    });
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id && sessions.delete(id)) ctx.log.debug(`HTTP session ${id} closed (${sessions.size} open)`);
      release();
    };
    try {
      serverHandle = createServer(ctx, { tools: opts.tools });
      serverHandle.server.server.onerror = (e) => ctx.log.warn(`MCP session ${transport.sessionId ?? '(opening)'}: ${e.message}`);
      await serverHandle.server.connect(transport);
      await transport.handleRequest(req, res, body);
    } finally {
      const s = transport.sessionId === undefined ? undefined : sessions.get(transport.sessionId);
      if (s) {
        s.busy--;
        s.seen = Date.now();
      } else {
        // The protocol layer refused the initialize (or it failed): nothing outlives the request.
        await transport.close().catch(() => {});
        release();
      }
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/mcp') return refuse(res, { status: 404, message: 'not found; the MCP endpoint is /mcp' });
    if (opts.token && !tokenMatches(req.headers.authorization, opts.token)) {
      return refuse(res, {
        status: 401,
        message: 'missing or wrong bearer token; send "Authorization: Bearer <token>" with the token given to specplan mcp --token',
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    const refusal = checkRequest(req, port);
    if (refusal) {
      ctx.log.debug(`refused ${req.method} /mcp (${refusal.status}): ${refusal.message}`);
      return refuse(res, refusal);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJsonBody(req, MAX_BODY_BYTES);
      if (!read.ok) return refuse(res, read.refusal);
      body = read.value;
    }
    const sid = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sid) ? sid[0] : sid;
    if (sessionId !== undefined) {
      const s = sessions.get(sessionId);
      if (!s) return refuse(res, { status: 404, code: -32001, message: 'unknown or expired session; initialize a new session' });
      return inSession(s, req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return refuse(res, { status: 400, message: 'no mcp-session-id header; start with an initialize request' });
    }
    // Over the cap a new session is refused rather than an old one evicted: evicting would let
    // any client that can reach the port end other clients' sessions (their subscriptions and
    // sampling), while a refusal only delays the newcomer until a session ends or goes idle.
    if (servers >= maxSessions) {
      ctx.log.warn(`refused a new HTTP session: ${servers} of ${maxSessions} open`);
      return refuse(res, {
        status: 503,
        message: `already serving ${maxSessions} sessions, the most this server keeps open; close an unused client, wait for idle sessions to expire (after ${duration(idleMs)}), or restart with a larger --max-sessions`,
        headers: { 'retry-after': String(Math.min(60, Math.ceil(idleMs / 1000))) },
      });
    }
    await openSession(req, res, body);
  };

  const http: Server = createHttpServer((req, res) => {
    handle(req, res).catch((e) => {
      ctx.log.error(`HTTP request failed: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) refuse(res, { status: 500, message: 'internal error; see the server log' });
      else res.end();
    });
  });
  // A client gets 10 s to send its headers and 30 s for a whole request (not its answer).
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;
  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) {
        if (s.busy === 0 && now - s.seen > idleMs) {
          ctx.log.debug(`HTTP session ${id} idle for ${duration(now - s.seen)}; closing it`);
          void s.transport.close().catch(() => {});
        }
      }
    },
    Math.min(60_000, Math.max(25, idleMs / 2)),
  ).unref();
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    maxSessions,
    sessions: () => sessions.size,
    stats: () => ({ sessions: sessions.size, servers, created }),
    close: async () => {
      clearInterval(sweeper);
      for (const s of [...sessions.values()]) await s.transport.close().catch(() => {});
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
