#!/usr/bin/env node
/**
 * Input tokens What's Next sends to the model: full mode versus incremental mode after a
 * one-plan change (the top recommendation is re-estimated and leaves the top, another plan
 * enters), on synthetic repositories of 10, 60 and 1,000 plans (or the sizes given).
 * The model's side is the recorded exchanges in recordings/whats-next/ replayed by msw through
 * the real Anthropic SDK (no network; an unrecorded request fails). Tokens are counted on the
 * requests actually sent (system, messages and tool schema, chars/4 — the estimate the project
 * uses where a provider reports none). Also checks that the incremental ranking equals the
 * full-mode one. Exit 1 when a ratio exceeds 20 % or a ranking differs.
 *
 *   npm run build && node bench/whats-next-tokens.mjs [SIZES=10,60,1000]
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { generateRepo } from './whats-next-gen.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '../dist/src/app/whats-next.js');
if (!existsSync(entry)) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}
const { runWhatsNextUpdate } = await import(entry);
const sizes = (process.argv[2] ?? '10,60,1000').split(',').map(Number);
const recording = (name) => JSON.parse(readFileSync(path.join(here, `../recordings/whats-next/${name}.json`), 'utf8')).exchanges[0].response;

let sent = [];
let next = null;
const server = setupServer(
  http.post('https://api.anthropic.com/v1/messages', async ({ request }) => {
    sent.push(await request.json());
    if (!next)
      return HttpResponse.json(
        { type: 'error', error: { type: 'unrecorded_request', message: 'no recording' } },
        { status: 400, headers: { 'x-should-retry': 'false' } },
      );
    const r = next;
    next = null;
    return HttpResponse.json(r.body, { status: r.status, headers: r.headers });
  }),
);
server.listen({ onUnhandledRequest: 'error' });
const env = { ...process.env, ANTHROPIC_API_KEY: 'replay', SPECPLAN_LLM_MAX_RETRIES: '0' };
const model = { provider: 'anthropic', env };
const tokens = (b) =>
  Math.ceil(b.system.length / 4) + b.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0) + Math.ceil(JSON.stringify(b.tools).length / 4);

const dirs = [];
const temp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'wn-tokens-'));
  dirs.push(d);
  return d;
};

/** The one-plan change: the top recommendation is re-estimated (Effort XL, Impact low), so it leaves the top and another plan enters. */
function change(root, plan) {
  const file = path.join(root, 'spec/plans', plan, 'README.md');
  const text = readFileSync(file, 'utf8').replace(/^\*\*(Effort|Impact):\*\* .*\n/gm, '');
  writeFileSync(file, text.replace(/^(\*\*Created:\*\* .*)$/m, '$1\n**Effort:** XL\n**Impact:** low'));
  return plan;
}

async function measure(plans) {
  sent = [];
  const base = temp();
  generateRepo(base, { plans, seed: 11 });
  next = recording('synthetic-full');
  const first = await runWhatsNextUpdate({ root: base, mode: 'full', model, today: '2026-03-01' });
  const top = first.result.report.recommended[0].plan;
  const inc = temp();
  const full = temp();
  cpSync(base, inc, { recursive: true });
  cpSync(base, full, { recursive: true });
  const changed = change(inc, top);
  change(full, top);
  next = recording('synthetic-incremental');
  const a = await runWhatsNextUpdate({ root: inc, mode: 'incremental', model, today: '2026-03-02' });
  next = recording('synthetic-full');
  const b = await runWhatsNextUpdate({ root: full, mode: 'full', model, today: '2026-03-02' });
  if (sent.length !== 3) throw new Error(`${plans} plans: expected 3 requests (full, incremental, full), got ${sent.length}`);
  const [t0, t1, t2] = sent.map(tokens);
  const same = JSON.stringify(a.result.report.recommended) === JSON.stringify(b.result.report.recommended);
  return { plans, changed, requests: sent.length, fullBefore: t0, inc: t1, full: t2, ratio: t1 / t2, same };
}

try {
  process.stdout.write('plans | changed plan | requests | full (tokens) | incremental (tokens) | incremental / full | same ranking\n');
  for (const n of sizes) {
    const r = await measure(n);
    process.stdout.write(`${r.plans} | ${r.changed} | ${r.requests} | ${r.full} | ${r.inc} | ${(r.ratio * 100).toFixed(1)} % | ${r.same ? 'yes' : 'NO'}\n`);
    if (!r.same || r.ratio > 0.2) process.exitCode = 1;
  }
} finally {
  server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
