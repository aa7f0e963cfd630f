import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from './context.js';
import { createServer, type ServerHandle } from './server.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Bearer token every request must carry; none when empty. */
  token?: string | undefined;
  /** Sessions without a request for this long are closed (default 30 minutes). */
  idleMs?: number;
}

export interface HttpHandle {
  url: string;
  port: number;
  /** Open sessions. */
  sessions(): number;
  close(): Promise<void>;
}

function jsonError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!.trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES / 1048576} MB`);
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Streamable HTTP on 127.0.0.1 with stateful sessions (one MCP server per session, so sampling
 * and notifications reach the right client), DNS-rebinding protection (Host must be the
 * loopback address) and an optional bearer token. Endpoint: `/mcp`.
 */
export async function serveHttp(ctx: ToolContext, opts: HttpOptions): Promise<HttpHandle> {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; handle: ServerHandle; seen: number }>();
  let port = opts.port;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/mcp') return jsonError(res, 404, 'not found; the MCP endpoint is /mcp');
    if (opts.token && !tokenMatches(req.headers.authorization, opts.token)) {
      return jsonError(res, 401, 'missing or wrong bearer token; send "Authorization: Bearer <token>" with the token given to specplan mcp --token', { 'www-authenticate': 'Bearer' });
    }
    const sid = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sid) ? sid[0] : sid;
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = await readJson(req);
      } catch (e) {
        return jsonError(res, 400, `invalid JSON body: ${(e as Error).message}`);
      }
    }
    if (sessionId) {
      const s = sessions.get(sessionId);
      if (!s) return jsonError(res, 404, 'unknown or expired session; initialize a new session');
      s.seen = Date.now();
      return s.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return jsonError(res, 400, 'no mcp-session-id header; start with an initialize request');
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`],
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, handle: serverHandle, seen: Date.now() });
        ctx.log.debug(`HTTP session ${id} opened (${sessions.size} open)`);
      },
    });
    const serverHandle = await createServer(ctx);
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id && sessions.delete(id)) ctx.log.debug(`HTTP session ${id} closed`);
      serverHandle.dispose();
    };
    await serverHandle.server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const http: Server = createHttpServer((req, res) => {
    handle(req, res).catch((e) => {
      ctx.log.error(`HTTP request failed: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) jsonError(res, 500, 'internal error; see the server log');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;
  const idleMs = opts.idleMs ?? 30 * 60_000;
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [id, s] of sessions) {
      if (now - s.seen > idleMs) {
        ctx.log.debug(`HTTP session ${id} idle for ${Math.round((now - s.seen) / 1000)} s; closing it`);
        void s.transport.close().catch(() => {});
      }
    }
  }, Math.min(60_000, idleMs)).unref();
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    sessions: () => sessions.size,
    close: async () => {
      clearInterval(sweeper);
      for (const s of [...sessions.values()]) await s.transport.close().catch(() => {});
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
