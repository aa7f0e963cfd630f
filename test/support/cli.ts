import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { allBundleOptions } from '../../scripts/bundle-options.mjs';
import { PROJECT } from './project.js';

/**
 * The one CLI runner of the tests: `runCli` and `runWhatsNextCli` run a command in this process
 * through the binaries' own dispatch; `runBuilt` and `runBuiltSync` spawn the built package
 * (`buildAll`) as a child process, killed after a timeout. The dispatch modules are loaded on the
 * first in-process run, so a file that only spawns the built CLI does not load the CLI as well.
 */

/** What a command did: its exit code and output (and the signal that ended a spawned one). */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  signal?: NodeJS.Signals | null;
}

/** Environment variables the LLM and GitHub clients read: cleared for every run so the machine's own keys never leak in. */
const CLIENT_ENV = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'GITHUB_TOKEN',
  'GITHUB_API_URL',
  'SPECPLAN_LLM_TIMEOUT_MS',
  'SPECPLAN_LLM_MAX_RETRIES',
  'SPECPLAN_LLM_CONCURRENCY',
];

/**
 * Run `specplan ARGV` in this process through the binary's own dispatch (`runSpecplan`: the same
 * lazily loaded command module, commander set-up and error mapping), capturing stdout, stderr and
 * the exit code; msw in the test process intercepts its HTTP. `env` is set for the run only, over
 * a process environment with `CLIENT_ENV` cleared; `cwd` is the working directory for the run.
 */
export function runCli(argv: string[], env: Record<string, string> = {}, cwd?: string): Promise<RunResult> {
  return inProcess(async () => (await import('../../src/cli/main.js')).runSpecplan(argv), env, cwd);
}

/** Run `whats-next ARGV` in this process through its command module, as `runCli` runs `specplan`. */
export function runWhatsNextCli(argv: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return inProcess(async () => (await import('../../src/cli/commands/whats-next.js')).runWhatsNext(argv), env);
}

async function inProcess(dispatch: () => Promise<number>, env: Record<string, string>, cwd?: string): Promise<RunResult> {
  const saved = new Map([...CLIENT_ENV, ...Object.keys(env)].map((k) => [k, process.env[k]]));
  for (const k of CLIENT_ENV) delete process.env[k];
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const savedCwd = process.cwd();
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  if (cwd) process.chdir(cwd);
  try {
    const code = await dispatch();
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    if (cwd) process.chdir(savedCwd);
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

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

/** The latest modification time of what the build reads: TypeScript sources, build scripts, tsconfigs and package.json. */
function newestSource(): number {
  let newest = Math.max(...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(path.join(PROJECT, f)).mtimeMs));
  const walk = (dir: string, ext: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, ext);
      else if (e.name.endsWith(ext)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(path.join(PROJECT, 'src'), '.ts');
  walk(path.join(PROJECT, 'tools'), '.ts');
  walk(path.join(PROJECT, 'scripts'), '.mjs');
  return newest;
}

/** What a full build leaves in dist/: the bins, the quick bundle, the MCP server and its first answers. */
const DIST_OUTPUTS = [
  'dist/src/cli/specplan.js',
  'dist/src/cli/whats-next.js',
  'dist/src/cli/quick.js',
  'dist/src/cli/writing.js',
  'dist/tools/server.js',
  'dist/tools/mcp-start.json',
].map((f) => path.join(PROJECT, f));

/** True when dist/ holds a full build newer than every source it is built from (as `npm ci` or a previous run leaves it). */
export function distIsFresh(): boolean {
  return DIST_OUTPUTS.every((f) => existsSync(f)) && Math.min(...DIST_OUTPUTS.map((f) => statSync(f).mtimeMs)) > newestSource();
}

export interface Built {
  /** Folder holding the built `src/` and `tools/` (what `--dist` options take). */
  root: string;
  specplan: string;
  whatsNext: string;
}

/**
 * Build the whole package (src + tools compiled, each bin bundled, as `npm run build`) into a private folder under
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
  if (distIsFresh()) return dist;
  const cache = path.join(PROJECT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const final = path.join(cache, `specplan-build-${sourceHash()}`);
  const built = { root: final, specplan: path.join(final, 'src/cli/specplan.js'), whatsNext: path.join(final, 'src/cli/whats-next.js') };
  if (existsSync(built.specplan) && existsSync(path.join(final, 'tools/server.js'))) return built;
  const dir = mkdtempSync(path.join(cache, 'specplan-build-tmp-'));
  spawnSync(
    path.join(PROJECT, 'node_modules/.bin/tsc'),
    ['-p', path.join(PROJECT, 'tsconfig.build.json'), '--outDir', dir, '--noEmitOnError', 'false', '--noCheck'],
    {
      encoding: 'utf8',
    },
  );
  if (!existsSync(path.join(dir, 'src/cli/specplan.js'))) throw new Error('building the CLI failed: specplan.js was not emitted');
  // Each bin bundled over the compiled tree, as `npm run build` ships it.
  for (const options of allBundleOptions(PROJECT, path.join(dir, 'src/cli'))) buildSync(options);
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

/** Options of a spawned run: working directory, environment, timeout and node flags. */
interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  nodeArgs?: string[];
}

/** Run a built script as a child process; a run over `timeoutMs` (20 s) is killed with SIGKILL. */
export function runBuilt(script: string, args: string[], opts: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], { cwd: opts.cwd ?? os.tmpdir(), env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, signal });
    });
  });
}

/** `runBuilt`, waiting synchronously (default timeout 120 s). */
export function runBuiltSync(script: string, args: string[], opts: SpawnOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], {
    cwd: opts.cwd ?? os.tmpdir(),
    env: opts.env ?? process.env,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}
