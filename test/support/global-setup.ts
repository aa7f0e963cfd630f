import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { allBundleOptions, CHUNK_FOLDERS } from '../../scripts/bundle-options.mjs';
import { distIsFresh } from './cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILT_CLI = path.join(ROOT, 'dist/src/cli/specplan.js');

/** True when this vitest run includes the tests that spawn dist/ (no file filter, or a filter naming mcp or e2e). */
function runsMcpTests(): boolean {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && !['run', 'watch', 'dev', 'related', 'bench'].includes(a) && !/^\d+$/.test(a));
  return filters.length === 0 || filters.some((f) => f.includes('mcp') || f.includes('e2e'));
}

/**
 * Build once before the tests that spawn the built server (`dist/src/cli/specplan.js`), as
 * `npm run build` does: tsc, then each bin bundled with esbuild, so spawned tests run the files
 * users run (and start as fast as they do), then the MCP server's first answers recorded from the
 * code just built (`dist/tools/mcp-start.json`). tsc emits without type-checking (`--noCheck`:
 * the same files, in a quarter of the time; `npm test` type-checks the tree before vitest starts),
 * so type errors do not stop the emit; a missing output does. A dist/ newer than every source
 * (`npm ci` builds it; so does the previous run) is used as it is.
 */
export default async function setup(): Promise<void> {
  if (!runsMcpTests() || process.env.SPECPLAN_SKIP_BUILD || distIsFresh()) return;
  const started = Date.now();
  try {
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--noCheck'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    const out = String((e as { stdout?: Buffer }).stdout ?? '')
      .split('\n')
      .slice(0, 5)
      .join('\n');
    process.stderr.write(`test/support/global-setup: tsc reported errors (output still emitted):\n${out}\n`);
  }
  const outdir = path.join(ROOT, 'dist/src/cli');
  for (const dir of CHUNK_FOLDERS) rmSync(path.join(outdir, dir), { recursive: true, force: true });
  await Promise.all(allBundleOptions(ROOT, outdir).map((options) => build(options)));
  // The MCP server's first answers, recorded from the code just built.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/start-answers.mjs')], { cwd: ROOT, stdio: 'pipe' });
  for (const f of [BUILT_CLI, path.join(ROOT, 'dist/tools/server.js'), path.join(ROOT, 'dist/tools/mcp-start.json')]) {
    if (!existsSync(f) || statSync(f).mtimeMs < started - 1000)
      throw new Error(`build did not produce ${path.relative(ROOT, f)}; run npm run build and read its errors`);
  }
}
