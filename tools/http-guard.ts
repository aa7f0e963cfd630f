import { timingSafeEqual } from 'node:crypto';

/**
 * The checks every HTTP request to the MCP endpoint passes before the server creates anything
 * for it: Host, Origin, method, Accept and Content-Type. Pure functions of the request line and
 * headers; the server answers a refusal with its status and a JSON-RPC error body.
 */

/** Why a request is refused: the HTTP status, one sentence plus what to do, extra headers. */
export interface Refusal {
  status: number;
  message: string;
  code?: number;
  headers?: Record<string, string>;
}

interface RequestHead {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header values a client of this server sends: a loopback name and the port. */
export function allowedHosts(port: number): string[] {
  const hosts = LOOPBACK_NAMES.map((h) => `${h}:${port}`);
  return port === 80 ? [...hosts, ...LOOPBACK_NAMES] : hosts;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Whether an Origin header names a page served from this machine (any port, http or https). */
function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return LOOPBACK_NAMES.includes(url.hostname);
}

/** The media type of a Content-Type value (lowercase `type/subtype`), or undefined. */
function mediaType(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const essence = header.split(';', 1)[0]!.trim().toLowerCase();
  return essence && !essence.includes(',') ? essence : undefined;
}

/** The media ranges an Accept header lists, lowercase, parameters dropped. */
function acceptedTypes(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((r) => r.split(';', 1)[0]!.trim().toLowerCase())
    .filter(Boolean);
}

const METHODS = ['GET', 'POST', 'DELETE'];

/**
 * Check a request to the MCP endpoint (after the bearer token): the Host names this server on
 * the loopback address (a DNS-rebinding page sends its own name), the Origin is absent or a
 * loopback origin (a page the user visits sends its own), the method is one the endpoint
 * serves, a POST carries a JSON body and accepts both JSON and an event stream, and a GET
 * accepts an event stream (as the Streamable HTTP transport requires). Returns null when the
 * request may proceed.
 */
export function checkRequest(req: RequestHead, port: number): Refusal | null {
  const host = single(req.headers.host);
  if (!host || !allowedHosts(port).includes(host)) {
    return { status: 403, message: `Host header "${host ?? ''}" is not this server; connect to http://127.0.0.1:${port}/mcp or http://localhost:${port}/mcp` };
  }
  const origin = single(req.headers.origin);
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return {
      status: 403,
      message: `Origin "${origin}" is not allowed: only pages served from this machine (http://localhost or http://127.0.0.1) may call this server; a desktop client sends no Origin`,
    };
  }
  const method = req.method ?? '';
  if (!METHODS.includes(method)) {
    return {
      status: 405,
      message: `method ${method} is not served on /mcp; use POST for messages, GET for the event stream, DELETE to end a session`,
      headers: { allow: METHODS.join(', ') },
    };
  }
  const accept = acceptedTypes(single(req.headers.accept));
  if (method === 'POST') {
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return { status: 406, message: 'the Accept header must list both application/json and text/event-stream, as the Streamable HTTP transport requires' };
    }
    if (mediaType(single(req.headers['content-type'])) !== 'application/json') {
      return { status: 415, message: 'the Content-Type must be application/json: send one JSON-RPC message (or a batch) as the body' };
    }
  }
  if (method === 'GET' && !accept.includes('text/event-stream')) {
    return { status: 406, message: 'the Accept header of a GET must list text/event-stream (it opens the server-to-client event stream)' };
  }
  return null;
}

/** Whether an Authorization header carries the bearer token (compared in constant time). */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!.trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
