#!/usr/bin/env node
/**
 * Record the MCP server's answers to `initialize` and `tools/list` in dist/tools/mcp-start.json,
 * asked of the compiled server in dist/ (over an empty folder: no repository is read).
 * `specplan mcp` gives them before it loads the server. Run by `npm run build`, and by the test
 * set-up after it compiles, so the file never lags the code.
 *
 *   node scripts/start-answers.mjs
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Write `root`/dist/tools/mcp-start.json from the compiled server under `root`/dist. */
export async function writeStartAnswers(root) {
  const dist = (p) => path.join(root, 'dist', p);
  const load = (p) => import(pathToFileURL(dist(p)).href);
  const [{ startAnswers }, { openSession }, { packageVersion }] = await Promise.all([
    load('tools/start-answers.js'),
    load('src/app/session.js'),
    load('src/app/package-version.js'),
  ]);
  const empty = mkdtempSync(path.join(os.tmpdir(), 'specplan-build-'));
  try {
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const { session } = openSession({ root: empty, logger: quiet });
    const answers = await startAnswers(session, packageVersion());
    writeFileSync(dist('tools/mcp-start.json'), `${JSON.stringify(answers)}\n`);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeStartAnswers(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
