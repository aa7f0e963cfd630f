/**
 * The one msw record/replay helper for LLM (and any HTTP) exchanges.
 *
 * Recordings live in `recordings/<provider>/<name>.json`:
 *   { "description", "source", "exchanges": [ { "request": {method, url, body?, match?},
 *                                                "response": {status, headers?, body, delayMs?} } ] }
 * `body: null` in a response sends no body (needed for retried 429/5xx: the SDKs cancel the body
 * before retrying, and cancelling an msw body hangs on Node 20).
 *
 * Two modes:
 * - `sequence` (default): each request takes the next exchange recorded for its method + URL;
 *   the recorded request body is a SUBSET the real one must contain (objects: listed keys; arrays:
 *   same length, element-wise). Hand-authored recordings use this.
 * - `keyed`: the exchange whose key (hash of method + host + path + canonical JSON body) equals
 *   the request's. Recordings made by `tools/record.mjs` (full bodies) replay this way.
 * A request with no recorded answer gets HTTP 400 (`x-should-retry: false`) and is listed in
 * `problems`; `assertDone()` fails the test on problems or unused exchanges. Requests to hosts
 * with no recording fail through `onUnhandledRequest: 'error'`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';

type MswServer = ReturnType<typeof setupServer>;
import { afterAll, afterEach, beforeAll } from 'vitest';

interface RecordedRequest {
  method: string;
  url: string;
  /** Sequence mode: a subset of the JSON body; keyed mode: the whole body. */
  body?: unknown;
}

interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body, a string for a raw body, or null for none. */
  body: unknown;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface Recording {
  description: string;
  source?: string;
  exchanges: Exchange[];
}

/** An outgoing request as seen by msw; secrets are redacted. */
export interface CapturedRequest {
  method: string;
  url: string;
  host: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON, or null. */
  body: unknown;
}

const RECORDINGS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../recordings');
const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'api-key', 'cookie', 'openai-organization', 'openai-project']);

/** Load `recordings/<name>.json` (name like `anthropic/draft-valid`). */
export function loadRecording(name: string): Recording {
  const file = path.join(RECORDINGS_DIR, name.endsWith('.json') ? name : `${name}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  if (!Array.isArray(data.exchanges) || data.exchanges.length === 0) throw new Error(`${file}: no exchanges`);
  return data;
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Recording key: sha256 of method + host + path + canonical JSON body (16 hex digits). */
export function requestKey(method: string, url: string, body: unknown): string {
  const u = new URL(url);
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${u.host}${u.pathname}\n${body === undefined || body === null ? '' : canonicalJson(body)}`)
    .digest('hex')
    .slice(0, 16);
}

/** Where `actual` fails to contain `expected` (JSON subset), or null. */
export function subsetMismatch(expected: unknown, actual: unknown, at = '$'): string | null {
  if (expected === null || typeof expected !== 'object') {
    return Object.is(expected, actual) ? null : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)?.slice(0, 200)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${typeof actual}`;
    if (actual.length !== expected.length) return `${at}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(expected[i], actual[i], `${at}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return `${at}: expected an object, got ${JSON.stringify(actual)?.slice(0, 200)}`;
  for (const [k, v] of Object.entries(expected)) {
    const m = subsetMismatch(v, (actual as Record<string, unknown>)[k], `${at}.${k}`);
    if (m) return m;
  }
  return null;
}

function endpoint(method: string, url: string): string {
  const u = new URL(url);
  return `${method.toUpperCase()} ${u.origin}${u.pathname}`;
}

function respond(r: RecordedResponse): Response {
  const headers = new Headers(r.headers ?? {});
  if (r.body === null || r.body === undefined) return new HttpResponse(null, { status: r.status, headers });
  if (typeof r.body === 'string') return new HttpResponse(r.body, { status: r.status, headers });
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new HttpResponse(JSON.stringify(r.body), { status: r.status, headers });
}

function failure(message: string): Response {
  return HttpResponse.json({ type: 'error', error: { type: 'unrecorded_request', message } }, { status: 400, headers: { 'x-should-retry': 'false' } });
}

/** One replay: handlers for msw plus what was sent. */
export class Replay {
  readonly calls: CapturedRequest[] = [];
  readonly problems: string[] = [];
  private readonly queues = new Map<string, Exchange[]>();
  private readonly byKey = new Map<string, Exchange[]>();
  private readonly total: number;

  constructor(
    readonly recordings: readonly Recording[],
    readonly mode: 'sequence' | 'keyed' = 'sequence',
  ) {
    let n = 0;
    for (const rec of recordings) {
      for (const ex of rec.exchanges) {
        n++;
        const ep = endpoint(ex.request.method, ex.request.url);
        (this.queues.get(ep) ?? this.queues.set(ep, []).get(ep)!).push(ex);
        const key = requestKey(ex.request.method, ex.request.url, ex.request.body);
        (this.byKey.get(key) ?? this.byKey.set(key, []).get(key)!).push(ex);
      }
    }
    this.total = n;
  }

  /** msw handlers, one per recorded method + URL. */
  handlers(): HttpHandler[] {
    return [...this.queues.keys()].map((ep) => {
      const [method, url] = ep.split(' ') as [string, string];
      const make = method === 'POST' ? http.post : method === 'GET' ? http.get : http.all;
      return make(url, async ({ request }) => {
        const raw = await request.text();
        let body: unknown = null;
        if (raw) {
          try {
            body = JSON.parse(raw);
          } catch {
            body = raw;
          }
        }
        const u = new URL(request.url);
        const headers: Record<string, string> = {};
        request.headers.forEach((v, k) => {
          headers[k] = SECRET_HEADERS.has(k.toLowerCase()) ? '<redacted>' : v;
        });
        const index = this.calls.length;
        this.calls.push({ method: request.method, url: request.url, host: u.host, path: u.pathname, headers, body });
        const ex = this.mode === 'keyed' ? this.byKey.get(requestKey(request.method, request.url, body))?.shift() : this.queues.get(ep)?.shift();
        if (!ex) {
          const why = `request #${index + 1} ${request.method} ${u.host}${u.pathname} has no recorded answer${this.mode === 'keyed' ? ` (key ${requestKey(request.method, request.url, body)})` : ' (all recorded exchanges used)'}`;
          this.problems.push(why);
          return failure(why);
        }
        if (this.mode === 'keyed') this.queues.get(ep)?.splice(this.queues.get(ep)!.indexOf(ex), 1);
        else {
          this.byKey.get(requestKey(ex.request.method, ex.request.url, ex.request.body))?.shift();
          if (ex.request.body !== undefined) {
            const mismatch = subsetMismatch(ex.request.body, body);
            if (mismatch) {
              const why = `request #${index + 1} does not match its recording: ${mismatch}`;
              this.problems.push(why);
              return failure(why);
            }
          }
        }
        if (ex.response.delayMs) await delay(ex.response.delayMs);
        return respond(ex.response);
      });
    });
  }

  /** Throw when a request went unanswered or mismatched, or a recorded exchange was not used. */
  assertDone(): void {
    if (this.problems.length) throw new Error(`replay problems:\n- ${this.problems.join('\n- ')}`);
    const left = [...this.queues.values()].reduce((n, q) => n + q.length, 0);
    if (left) throw new Error(`${left} recorded exchange(s) were never requested (${this.calls.length} requests made)`);
  }
}

/** The msw server for a test file: registers listen/reset/close hooks; `replay()` installs recordings. */
export function useMsw(): { server: MswServer; replay: (names: string | readonly string[] | Recording, mode?: 'sequence' | 'keyed') => Replay } {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    replay(names, mode = 'sequence') {
      const recs =
        typeof names === 'object' && !Array.isArray(names)
          ? [names as Recording]
          : (Array.isArray(names) ? names : [names]).map((n: string) => loadRecording(n));
      const r = new Replay(recs, mode);
      server.use(...r.handlers());
      return r;
    },
  };
}
