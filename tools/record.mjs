#!/usr/bin/env node
/**
 * Record real LLM exchanges into recordings/<provider>/<name>.json for replay in tests.
 *
 *   npm run build
 *   ANTHROPIC_API_KEY=… node tools/record.mjs --provider anthropic --scenario draft --root path/to/spec-repo --feature cli --name draft-cli
 *   OPENAI_API_KEY=…    node tools/record.mjs --provider openai --scenario suggest --root path/to/spec-repo --plan user-auth --name suggest-user-auth
 *
 * Scenarios run the real code (from the build in dist/, or --dist DIR): `draft` and `roadmap`
 * (from --feature F or --proposal F/P, optional --slug), `suggest` (--plan P). Nothing is written
 * to the spec repository. Every request goes through msw, is forwarded to the real API with
 * `bypass()`, and is saved with its full JSON body (no headers: keys never reach the file) and
 * the response status, a few harmless headers and body. A retryable error (429/5xx) is saved
 * with an empty body, because the SDKs cancel it before retrying and cancelling an msw body
 * hangs on Node 20. Replay such files with `replay(name, 'keyed')` from test/support/msw.ts on
 * the same repository content (the key hashes the request body, prompt included).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bypass, http } from 'msw';
import { setupServer } from 'msw/node';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEEP_HEADERS = ['content-type', 'request-id', 'x-request-id', 'openai-processing-ms', 'retry-after', 'retry-after-ms', 'x-should-retry'];

function fail(message, code = 2) {
  process.stderr.write(`record: ${message}\n`);
  process.exit(code);
}

const { values: o } = parseArgs({
  options: {
    provider: { type: 'string' },
    scenario: { type: 'string', default: 'draft' },
    root: { type: 'string', default: '.' },
    feature: { type: 'string' },
    proposal: { type: 'string' },
    plan: { type: 'string' },
    slug: { type: 'string' },
    model: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    out: { type: 'string' },
    dist: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const provider = o.provider ?? (process.env.ANTHROPIC_API_KEY ? 'anthropic' : process.env.OPENAI_API_KEY ? 'openai' : null);
if (provider !== 'anthropic' && provider !== 'openai') fail('pass --provider anthropic|openai (with its API key in the environment)');
const keyVar = provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
if (!process.env[keyVar]) fail(`${keyVar} is not set; recording needs a real key`);
if (!['draft', 'roadmap', 'suggest'].includes(o.scenario)) fail(`unknown --scenario "${o.scenario}"; use draft, roadmap or suggest`);
const name = o.name ?? `${o.scenario}-${new Date().toISOString().slice(0, 10)}`;
if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) fail(`--name "${name}" must be lower-case letters, digits and hyphens`);
const outFile = path.resolve(o.out ?? path.join(PROJECT, 'recordings', provider, `${name}.json`));
if (existsSync(outFile) && !o.force) fail(`${path.relative(process.cwd(), outFile)} exists; pass --force to replace it`);

const dist = path.resolve(o.dist ?? path.join(PROJECT, 'dist'));
const mod = async (rel) => {
  const file = path.join(dist, rel);
  if (!existsSync(file)) fail(`${file} is missing; run \`npm run build\` first (or pass --dist)`);
  return import(pathToFileURL(file).href);
};

const exchanges = [];
const server = setupServer(
  http.all('*', async ({ request }) => {
    const raw = await request.clone().text();
    let body;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const response = await fetch(bypass(request));
    const text = await response.clone().text();
    let resBody;
    try {
      resBody = text ? JSON.parse(text) : null;
    } catch {
      resBody = text;
    }
    const retryable = response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
    const headers = {};
    for (const h of KEEP_HEADERS) if (response.headers.get(h) !== null) headers[h] = response.headers.get(h);
    exchanges.push({
      request: { method: request.method, url: request.url, ...(body === undefined ? {} : { body }) },
      response: { status: response.status, headers, body: retryable ? null : resBody },
    });
    process.stderr.write(`record: ${request.method} ${new URL(request.url).host}${new URL(request.url).pathname} → ${response.status}\n`);
    return response;
  }),
);
server.listen({ onUnhandledRequest: 'error' });

let outcome = 'ok';
let model = '';
try {
  const today = new Date().toISOString().slice(0, 10);
  const choice = { provider, model: o.model };
  if (o.scenario === 'suggest') {
    if (!o.plan) fail('--scenario suggest needs --plan P');
    const { suggest } = await mod('src/app/suggest.js');
    const r = await suggest({ root: o.root, plan: o.plan, today, model: choice });
    model = r.suggestion.llm?.model ?? '';
  } else {
    if (!o.feature === !o.proposal) fail('pass exactly one of --feature F or --proposal F/P');
    const source = o.feature ? { kind: 'feature', feature: o.feature } : { kind: 'proposal', proposal: o.proposal };
    const { draft } = await mod('src/app/draft.js');
    const r = await draft({ root: o.root, source, slug: o.slug, roadmap: o.scenario === 'roadmap', today, dryRun: true, allowOverlap: true, model: choice });
    model = r.model;
  }
} catch (e) {
  outcome = `failed: ${e?.message ?? e}`;
  process.stderr.write(`record: the scenario ${outcome} (the exchanges are saved anyway: they show the failure)\n`);
} finally {
  server.close();
}

if (!exchanges.length) fail('no request was made; nothing recorded', 1);
mkdirSync(path.dirname(outFile), { recursive: true });
const doc = {
  description: o.description ?? `${o.scenario} ${o.feature ?? o.proposal ?? o.plan ?? ''} (${outcome})`.replace(/\s+/g, ' ').trim(),
  source: `Recorded with tools/record.mjs on ${new Date().toISOString().slice(0, 10)} from the real ${provider} API (model ${model}); replay keyed.`,
  exchanges,
};
writeFileSync(outFile, `${JSON.stringify(doc, null, 2)}\n`);
process.stderr.write(`record: wrote ${path.relative(process.cwd(), outFile)} (${exchanges.length} exchange${exchanges.length === 1 ? '' : 's'})\n`);
