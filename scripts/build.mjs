#!/usr/bin/env node
/**
 * `npm run build` (and `prepare`): type-check and compile every module with tsc into dist/
 * (the MCP server module, the scripts and the tests use those), then bundle each bin with esbuild
 * over its compiled entry, so a command loads one file plus the chunks it needs: the LLM SDKs,
 * the MCP SDK, remark and the interop code sit in chunks loaded only when a command reaches them.
 * The commands run on every commit or save get a bundle of their own, `quick.js`, and so do the
 * commands that write, `writing.js` (see bundle-options.mjs).
 * Last, it records the MCP server's answers to `initialize` and `tools/list`, asked of the built
 * server, in dist/tools/mcp-start.json: `specplan mcp` gives them before it loads the server.
 *
 *   node scripts/build.mjs [--metafile FILE]
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { allBundleOptions, CHUNK_FOLDERS } from './bundle-options.mjs';
import { writeStartAnswers } from './start-answers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/src/cli');
const metafileArg = process.argv.indexOf('--metafile');

try {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  process.stderr.write('build: tsc reported errors (above)\n');
  process.exit(1);
}

for (const dir of CHUNK_FOLDERS) rmSync(path.join(outdir, dir), { recursive: true, force: true });
const [result] = await Promise.all(allBundleOptions(root, outdir).map((options) => build(options)));
if (metafileArg > 0) writeFileSync(process.argv[metafileArg + 1], JSON.stringify(result.metafile));

await writeStartAnswers(root);
