#!/usr/bin/env node
/**
 * Input tokens What's Next sends to the model: full mode versus incremental mode after a
 * one-plan change, on a synthetic repository of 60 plans (or PLANS). The model's side is the
 * recorded exchanges in recordings/whats-next/ replayed by msw through the real Anthropic SDK
 * (no network; an unrecorded request fails). Tokens are counted on the requests actually sent
 * (system, messages and tool schema, chars/4 — the estimate the project uses where a provider
 * reports none); the usage the replayed responses report is printed too. Also checks that the
 * incremental ranking equals the full-mode one.
 *
 *   npm run build && node bench/whats-next-tokens.mjs [PLANS=60]
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { generateRepo } from './whats-next-gen.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '../dist/src');
if (!existsSync(path.join(dist, 'whats-next/run.js'))) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}
const { runWhatsNextUpdate } = await import(path.join(dist, 'whats-next/run.js'));
const plans = Number(process.argv[2] ?? 60);
const recording = (name) => JSON.parse(readFileSync(path.join(here, `../recordings/whats-next/${name}.json`), 'utf8')).exchanges[0].response;

const sent = [];
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
const tokens = (b) =>
  Math.ceil(b.system.length / 4) + b.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0) + Math.ceil(JSON.stringify(b.tools).length / 4);

const dirs = [];
const temp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'wn-tokens-'));
  dirs.push(d);
  return d;
};
try {
  const base = temp();
  generateRepo(base, { plans, seed: 11 });
  next = recording('synthetic-full');
  const first = await runWhatsNextUpdate({ root: base, mode: 'full', provider: 'anthropic', today: '2026-03-01', env });

  const change = (root) => {
    for (let i = 1; i < 1000; i++) {
      const file = path.join(root, `spec/plans/plan-${String(i).padStart(5, '0')}/README.md`);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      if (!text.includes('**Status:** draft')) continue;
      const edited = text.replace('**Status:** draft', '**Status:** in_review').replace(/^\*\*(Effort|Impact):\*\* .*\n/gm, '');
      writeFileSync(file, edited.replace(/^(\*\*Created:\*\* .*)$/m, '$1\n**Effort:** S\n**Impact:** critical'));
      return path.relative(path.join(root, 'spec/plans'), path.dirname(file));
    }
    throw new Error('no draft plan to change');
  };
  const inc = temp();
  const full = temp();
  cpSync(base, inc, { recursive: true });
  cpSync(base, full, { recursive: true });
  const changed = change(inc);
  change(full);

  next = recording('synthetic-incremental');
  const a = await runWhatsNextUpdate({ root: inc, mode: 'incremental', provider: 'anthropic', today: '2026-03-02', env });
  next = recording('synthetic-full');
  const b = await runWhatsNextUpdate({ root: full, mode: 'full', provider: 'anthropic', today: '2026-03-02', env });

  const [t0, t1, t2] = sent.map(tokens);
  const same = JSON.stringify(a.result.report.recommended) === JSON.stringify(b.result.report.recommended);
  process.stdout.write(`repository: ${plans} plans; change: ${changed} draft → in_review, Effort S, Impact critical\n`);
  process.stdout.write(`requests: ${sent.length} (full, incremental, full again)\n`);
  process.stdout.write(
    `input tokens sent (chars/4): full ${t0}; after the change: full ${t2}, incremental ${t1} = ${((t1 / t2) * 100).toFixed(1)}% of full (target ≤ 20%)\n`,
  );
  process.stdout.write(
    `usage reported by the replayed responses: full ${first.usage.inputTokens}, incremental ${a.usage.inputTokens}, full again ${b.usage.inputTokens}\n`,
  );
  process.stdout.write(`ranking identical to full mode: ${same ? 'yes' : 'NO'} (${a.result.report.recommended.map((e) => e.plan).join(', ')})\n`);
  if (!same || t1 * 5 > t2) process.exitCode = 1;
} finally {
  server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
