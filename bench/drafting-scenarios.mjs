#!/usr/bin/env node
/**
 * `specplan draft` per recorded scenario (recordings/anthropic/ and recordings/openai/, replayed
 * by msw through the real SDKs on the drafting tests' small spec repository): the requests sent, their
 * input tokens (chars/4 of the system prompt, the messages and the schema as sent), and the
 * outcome of the real draft use-case (`max_attempts: 2`). "requests" counts HTTP requests: a
 * request a server refuses for its response format is not a model call. Prints the markdown
 * table docs/drafting.md shows.
 *
 *   npm run build && node bench/drafting-scenarios.mjs
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { batchRunner, runnerLedger, SMALL_REPO } from '../test/support/drafting-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '../dist/src/app/draft.js');
if (!existsSync(entry)) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}
const { draft } = await import(entry);

const LOCAL = 'http://127.0.0.1:11434/v1';
/** label, recording, provider, OPENAI_BASE_URL or null, model or null, repository with an open plan of the feature. */
const SCENARIOS = [
  ['valid reply (Anthropic)', 'anthropic/draft-valid', 'anthropic'],
  ['valid reply (OpenAI)', 'openai/draft-valid', 'openai'],
  ['repair: dependency cycle', 'anthropic/repair-cycle', 'anthropic'],
  ['repair: unknown dependency', 'anthropic/repair-unknown-step', 'anthropic'],
  ['repair: bad enum (Effort "Medium")', 'anthropic/repair-wrong-enum', 'anthropic'],
  ['repair: third nesting level (extra key)', 'anthropic/repair-nesting', 'anthropic'],
  ['repair: schema problem, unknown dependency and cycle at once', 'anthropic/repair-schema-and-cycle', 'anthropic'],
  ['repair: schema problem and cycle at once (OpenAI)', 'openai/repair-schema-and-cycle', 'openai'],
  ['repair: truncated (max_tokens)', 'anthropic/repair-truncated', 'anthropic'],
  ['repair: refusal', 'anthropic/repair-refusal', 'anthropic'],
  ['repair: malformed JSON (OpenAI)', 'openai/repair-malformed-json', 'openai'],
  ['repair: raw HTML, script and links in text', 'anthropic/repair-html', 'anthropic'],
  ['no json_schema support: json_object', 'openai/no-json-schema', 'openai', LOCAL, 'llama3.1:8b'],
  ['no response formats: JSON extracted from chat text', 'openai/no-response-format', 'openai', LOCAL, 'llama3.1:8b'],
  ['always invalid', 'anthropic/invalid-every-attempt', 'anthropic'],
  ['valid reply repeating an open plan of the feature', 'anthropic/draft-valid', 'anthropic', null, null, true],
];

function write(root, rel, text) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

/** The drafting tests' repository; with an open plan, their overlap repository (batch-runner approved, step 1 done). */
function makeRepo(withOpenPlan) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'draft-scenario-'));
  const files = withOpenPlan
    ? { ...SMALL_REPO, 'spec/plans/batch-runner/README.md': batchRunner('approved'), '.specscore/work-items.yaml': runnerLedger(1) }
    : SMALL_REPO;
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  return root;
}

/** Recorded responses per endpoint, in order. */
let queues = new Map();
let sent = [];
const endpoints = new Set();
for (const dir of ['anthropic', 'openai'])
  for (const f of readdirSync(path.join(here, '../recordings', dir)))
    for (const ex of JSON.parse(readFileSync(path.join(here, '../recordings', dir, f), 'utf8')).exchanges) endpoints.add(ex.request.url);
const server = setupServer(
  ...[...endpoints].map((url) =>
    http.post(url, async ({ request }) => {
      sent.push(await request.json());
      const r = queues.get(url)?.shift();
      if (!r)
        return HttpResponse.json(
          { type: 'error', error: { type: 'unrecorded', message: 'no recording' } },
          { status: 400, headers: { 'x-should-retry': 'false' } },
        );
      return r.body === null
        ? new HttpResponse(null, { status: r.status, headers: r.headers })
        : HttpResponse.json(r.body, { status: r.status, headers: r.headers });
    }),
  ),
);
server.listen({ onUnhandledRequest: 'error' });

const chars = (v) => (typeof v === 'string' ? v.length : JSON.stringify(v ?? '').length);
/** Input tokens of one request as sent (chars/4): system, messages, and the schema (tool or response format). */
const tokens = (b) =>
  Math.ceil(chars(b.system ?? '') / 4) +
  (b.messages ?? []).reduce((n, m) => n + Math.ceil(chars(m.content) / 4), 0) +
  Math.ceil(chars(b.tools ?? b.response_format ?? '') / 4);

const dirs = [];
try {
  process.stdout.write('| scenario | requests | input tokens | outcome |\n|---|---|---|---|\n');
  for (const [label, name, provider, baseUrl, model, withOpenPlan] of SCENARIOS) {
    const root = makeRepo(withOpenPlan === true);
    dirs.push(root);
    sent = [];
    queues = new Map();
    for (const ex of JSON.parse(readFileSync(path.join(here, `../recordings/${name}.json`), 'utf8')).exchanges) {
      if (!queues.has(ex.request.url)) queues.set(ex.request.url, []);
      queues.get(ex.request.url).push(ex.response);
    }
    const env = {
      ...process.env,
      ANTHROPIC_API_KEY: 'replay',
      OPENAI_API_KEY: 'replay',
      SPECPLAN_LLM_MAX_RETRIES: '0',
      ...(baseUrl ? { OPENAI_BASE_URL: baseUrl } : {}),
    };
    if (!baseUrl) delete env.OPENAI_BASE_URL;
    let outcome;
    try {
      const r = await draft({
        root,
        source: { kind: 'feature', feature: 'cli' },
        slug: 'cli-batch',
        today: '2026-03-14',
        model: { provider, model: model ?? undefined, env },
      });
      const modes = r.usage.outputModes?.length ? `, ${r.usage.outputModes.join(', ')}` : '';
      outcome = `written after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}${modes}`;
    } catch (e) {
      const first = String(e.message)
        .split('\n')[0]
        .replace(/; nothing was written:?$/, '');
      outcome = `exit 1, nothing written: ${first.replace(/\|/g, '\\|')}`;
    }
    process.stdout.write(
      `| ${label} | ${sent.length} | ${sent
        .map(tokens)
        .reduce((a, b) => a + b, 0)
        .toLocaleString('en-US')} | ${outcome} |\n`,
    );
  }
} finally {
  server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
