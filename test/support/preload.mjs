/**
 * Preload for spawned CLI processes under test: `node --import ./test/support/preload.mjs dist/…/specplan.js …`.
 * The parent's msw does not reach a child process, so this module starts msw inside the child and
 * replays recordings in sequence mode (same file format and subset matching as
 * test/support/msw.ts). Environment:
 *   SPECPLAN_REPLAY      recording files (absolute, or relative to recordings/), separated by the
 *                        platform path delimiter (":" on Unix)
 *   SPECPLAN_REPLAY_LOG  file that receives {calls, problems, unused} as JSON when the process exits
 * Unrecorded hosts fail (onUnhandledRequest: 'error'); a request beyond the recording or one that
 * does not match it gets HTTP 400 and is listed in `problems`. Without SPECPLAN_REPLAY it does nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

const RECORDINGS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../recordings');
const SECRET = new Set(['x-api-key', 'authorization', 'api-key', 'cookie', 'openai-organization', 'openai-project']);

function subsetMismatch(expected, actual, at = '$') {
  if (expected === null || typeof expected !== 'object') {
    return Object.is(expected, actual) ? null : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)?.slice(0, 200)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array`;
    if (actual.length !== expected.length) return `${at}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(expected[i], actual[i], `${at}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return `${at}: expected an object`;
  for (const [k, v] of Object.entries(expected)) {
    const m = subsetMismatch(v, actual[k], `${at}.${k}`);
    if (m) return m;
  }
  return null;
}

function respond(r) {
  const headers = new Headers(r.headers ?? {});
  if (r.body === null || r.body === undefined) return new HttpResponse(null, { status: r.status, headers });
  if (typeof r.body === 'string') return new HttpResponse(r.body, { status: r.status, headers });
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new HttpResponse(JSON.stringify(r.body), { status: r.status, headers });
}

const files = (process.env.SPECPLAN_REPLAY ?? '').split(path.delimiter).filter(Boolean);
if (files.length) {
  const calls = [];
  const problems = [];
  const queues = new Map();
  for (const f of files) {
    const file = path.isAbsolute(f) ? f : path.join(RECORDINGS, f.endsWith('.json') ? f : `${f}.json`);
    for (const ex of JSON.parse(readFileSync(file, 'utf8')).exchanges) {
      const u = new URL(ex.request.url);
      const ep = `${ex.request.method.toUpperCase()} ${u.origin}${u.pathname}`;
      if (!queues.has(ep)) queues.set(ep, []);
      queues.get(ep).push(ex);
    }
  }
  const handlers = [...queues.keys()].map((ep) => {
    const [method, url] = ep.split(' ');
    return http[method === 'GET' ? 'get' : 'post'](url, async ({ request }) => {
      const raw = await request.text();
      let body = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const headers = {};
      request.headers.forEach((v, k) => (headers[k] = SECRET.has(k.toLowerCase()) ? '<redacted>' : v));
      calls.push({ method: request.method, url: request.url, headers, body });
      const ex = queues.get(ep).shift();
      const fail = (why) => {
        problems.push(why);
        return HttpResponse.json(
          { type: 'error', error: { type: 'unrecorded_request', message: why } },
          { status: 400, headers: { 'x-should-retry': 'false' } },
        );
      };
      if (!ex) return fail(`request #${calls.length} ${ep} has no recorded answer`);
      const mismatch = ex.request.body === undefined ? null : subsetMismatch(ex.request.body, body);
      if (mismatch) return fail(`request #${calls.length} does not match its recording: ${mismatch}`);
      if (ex.response.delayMs) await delay(ex.response.delayMs);
      return respond(ex.response);
    });
  });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  process.on('exit', () => {
    const log = process.env.SPECPLAN_REPLAY_LOG;
    if (log) writeFileSync(log, JSON.stringify({ calls, problems, unused: [...queues.values()].reduce((n, q) => n + q.length, 0) }));
  });
}
