#!/usr/bin/env node
/**
 * What's Next with a model, per recorded scenario (recordings/whats-next/, replayed by msw
 * through the real Anthropic SDK on a copy of examples/acme-spec): the requests sent, their input
 * tokens (chars/4 of system, messages and tool schema as sent), and the outcome. Prints the
 * markdown table docs/whats-next.md shows.
 *
 *   npm run build && node bench/whats-next-scenarios.mjs
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '../dist/src/app/whats-next.js');
if (!existsSync(entry)) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}
const { runWhatsNextUpdate } = await import(entry);

const SCENARIOS = [
  ['valid reply (full mode)', 'full-valid', 'full'],
  ['unknown plan and a blocked plan recommended, repaired', 'repair', 'full'],
  ['order contradicted on every attempt', 'always-wrong-order', 'full'],
  ['true context the old check rejected (computed reason, short slug)', 'prose-true-context', 'full'],
  ['blocked plan by title, unclosed comment, fake ranking: repaired', 'prose-false-claims', 'full'],
  ['incremental after one completion', 'incremental-valid', 'incremental'],
];

let sent = [];
let queue = [];
const server = setupServer(
  http.post('https://api.anthropic.com/v1/messages', async ({ request }) => {
    sent.push(await request.json());
    const r = queue.shift();
    if (!r)
      return HttpResponse.json(
        { type: 'error', error: { type: 'unrecorded', message: 'no recording' } },
        { status: 400, headers: { 'x-should-retry': 'false' } },
      );
    return HttpResponse.json(r.body, { status: r.status, headers: r.headers });
  }),
);
server.listen({ onUnhandledRequest: 'error' });
const env = { ...process.env, ANTHROPIC_API_KEY: 'replay', SPECPLAN_LLM_MAX_RETRIES: '0' };
const tokens = (b) =>
  Math.ceil(b.system.length / 4) + b.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0) + Math.ceil(JSON.stringify(b.tools).length / 4);

const dirs = [];
try {
  process.stdout.write('| scenario | requests | input tokens | outcome |\n|---|---|---|---|\n');
  for (const [label, name, mode] of SCENARIOS) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'wn-scenario-'));
    dirs.push(root);
    cpSync(path.join(here, '../examples/acme-spec'), root, { recursive: true });
    sent = [];
    queue = JSON.parse(readFileSync(path.join(here, `../recordings/whats-next/${name}.json`), 'utf8')).exchanges.map((e) => e.response);
    const r = await runWhatsNextUpdate({ root, mode, model: { provider: 'anthropic', env }, today: '2026-04-03' });
    const prose = r.result?.prose ?? '-';
    const outcome = `${r.status}, prose from ${prose === 'llm' ? 'the model' : 'the template'}${r.messages.some((m) => typeof m === 'string' && m.includes('left out')) ? ' (rejected parts left out)' : ''}`;
    process.stdout.write(`| ${label} | ${sent.length} | ${sent.map(tokens).reduce((a, b) => a + b, 0)} | ${outcome} |\n`);
  }
} finally {
  server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
