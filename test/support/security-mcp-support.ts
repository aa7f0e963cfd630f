/**
 * Support for the MCP transport security tests: raw HTTP requests with any header (fetch
 * refuses to set Host), a counter of the change subscriptions every MCP server object takes on
 * its context, and the resident memory of a child process.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { Session } from '../../src/app/session.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request to 127.0.0.1:port with exactly the given headers (no agent, no extras). */
export function raw(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: opts.path ?? '/mcp', method: opts.method ?? 'POST', headers: opts.headers ?? {}, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The `error.message` of a JSON-RPC error body, or '' when the body is not one. */
export function errorMessage(r: RawResponse): string {
  try {
    return (JSON.parse(r.text) as { error?: { message?: string } }).error?.message ?? '';
  } catch {
    return '';
  }
}

/** An `initialize` request body. */
export function initBody(id = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
  });
}

/** Headers of a well-formed MCP POST to 127.0.0.1:port. */
export function goodHeaders(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return { host: `127.0.0.1:${port}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extra };
}

export interface SubscriptionCounter {
  /** Subscriptions taken and not yet released. */
  live(): number;
  /** Subscriptions ever taken. */
  taken(): number;
  /** Whether every listener ever subscribed has been garbage-collected. */
  allCollected(): boolean;
}

/**
 * Count the change subscriptions taken on `ctx`. Every MCP server object subscribes once when
 * it is created and releases on dispose, so a subscription still live is a server still alive;
 * a listener collected by the garbage collector is one nothing (server, transport, session map)
 * still holds.
 */
export function countSubscriptions(ctx: Session): SubscriptionCounter {
  const live = new Set<object>();
  const refs: Array<WeakRef<object>> = [];
  const subscribe = ctx.onChange.bind(ctx);
  ctx.onChange = (listener) => {
    const token = {};
    live.add(token);
    refs.push(new WeakRef(listener));
    const off = subscribe(listener);
    return () => {
      live.delete(token);
      off();
    };
  };
  return { live: () => live.size, taken: () => refs.length, allCollected: () => refs.every((r) => r.deref() === undefined) };
}

let gcFn: (() => void) | null = null;

/** Run a full garbage collection (enabling `gc` in this process on first use). */
export async function collectGarbage(): Promise<void> {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < 3; i++) {
    gcFn();
    // weak references are kept alive until the current job ends
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resident memory of a process in MB, from /proc; null once it has exited. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
