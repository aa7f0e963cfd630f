import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout root. */
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Hash of every source file the build reads (src, tools, tsconfigs). */
function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(path.join(PROJECT, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) h.update(rel).update(readFileSync(path.join(PROJECT, rel)));
    }
  };
  walk('src');
  walk('tools');
  h.update(readFileSync(path.join(PROJECT, 'tsconfig.json'))).update(readFileSync(path.join(PROJECT, 'tsconfig.build.json')));
  return h.digest('hex').slice(0, 16);
}

/** The latest modification time of a TypeScript source or tsconfig the build reads. */
function newestSource(): number {
  let newest = Math.max(statSync(path.join(PROJECT, 'tsconfig.json')).mtimeMs, statSync(path.join(PROJECT, 'tsconfig.build.json')).mtimeMs);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(path.join(PROJECT, 'src'));
  walk(path.join(PROJECT, 'tools'));
  return newest;
}

export interface Built {
  /** Folder holding the built `src/` and `tools/` (what `--dist` options take). */
  root: string;
  specplan: string;
  whatsNext: string;
}

/**
 * Compile the whole package (src + tools, as `npm run build`) into a private folder under
 * node_modules/.cache keyed by a hash of the sources, so spawned-CLI tests run real built code
 * without racing a `dist/` being rebuilt. One build serves every suite that spawns the CLI.
 */
export function buildAll(): Built {
  // A dist/ newer than every source (as test/mcp's global setup leaves it in a full run) is used as is.
  const dist = {
    root: path.join(PROJECT, 'dist'),
    specplan: path.join(PROJECT, 'dist/src/cli/specplan.js'),
    whatsNext: path.join(PROJECT, 'dist/src/cli/whats-next.js'),
  };
  const outputs = [dist.specplan, dist.whatsNext, path.join(PROJECT, 'dist/tools/server.js')];
  if (outputs.every((f) => existsSync(f)) && Math.min(...outputs.map((f) => statSync(f).mtimeMs)) > newestSource()) return dist;
  const cache = path.join(PROJECT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const final = path.join(cache, `specplan-build-${sourceHash()}`);
  const built = { root: final, specplan: path.join(final, 'src/cli/specplan.js'), whatsNext: path.join(final, 'src/cli/whats-next.js') };
  if (existsSync(built.specplan) && existsSync(path.join(final, 'tools/server.js'))) return built;
  const dir = mkdtempSync(path.join(cache, 'specplan-build-tmp-'));
  spawnSync(path.join(PROJECT, 'node_modules/.bin/tsc'), ['-p', path.join(PROJECT, 'tsconfig.build.json'), '--outDir', dir, '--noEmitOnError', 'false'], {
    encoding: 'utf8',
  });
  if (!existsSync(path.join(dir, 'src/cli/specplan.js'))) throw new Error('building the CLI failed: specplan.js was not emitted');
  // package.json beside the build so the server finds its version
  cpSync(path.join(PROJECT, 'package.json'), path.join(dir, 'package.json'));
  chmodSync(dir, 0o755); // mkdtemp makes it 0700; the EACCES test runs the build as another user
  try {
    renameSync(dir, final);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const old of readdirSync(cache)) {
    const p = path.join(cache, old);
    if (old.startsWith('specplan-build-') && p !== final && Date.now() - statSync(p).mtimeMs > 600_000) rmSync(p, { recursive: true, force: true });
  }
  return built;
}
