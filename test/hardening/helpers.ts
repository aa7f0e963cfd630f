import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The checkout root. */
export const PROJECT = path.resolve(here, '../..');
export const CORPUS_ROOT = path.resolve(PROJECT, '../shared/corpora/synchestra-spec');

// Hermetic git for every temp repository.
process.env.GIT_CONFIG_GLOBAL = os.devNull;
process.env.GIT_CONFIG_NOSYSTEM = '1';

/** Content hash of every file below `dir` (symlinks recorded as their target, not followed). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(dir, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, `link:${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        if (r === '.git' || r.endsWith('/.git')) continue;
        out.set(`${r}/`, 'dir');
        walk(r);
      } else out.set(r, createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16));
    }
  };
  walk('');
  return out;
}

/** The entries that differ between two snapshots (added, removed or changed), sorted. */
export function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

export function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A well-formed plan document with the given status and slug-derived title. */
export function planText(opts: { title: string; status?: string; feature?: string; approved?: boolean }): string {
  const feature = opts.feature ?? 'cli';
  const approved = opts.status === 'approved';
  return `# Plan: ${opts.title}

**Status:** ${opts.status ?? 'draft'}
**Features:**
  - [${feature}](../../features/${feature}/README.md)
**Source type:** feature
**Source:** [${feature} feature spec](../../features/${feature}/)
**Author:** @alex
${approved ? '**Approver:** @jordan\n' : ''}**Created:** 2026-03-01
${approved ? '**Approved:** 2026-03-02\n' : ''}**Effort:** S
**Impact:** medium

## Context

${opts.title} exists so the hardening tests have something to attack.

## Acceptance criteria

- Nothing leaves the root

## Steps

### 1. Do the thing

**Depends on:** (none)

**Acceptance criteria:**
- The thing is done

### 2. Check the thing

**Depends on:** Step 1

**Acceptance criteria:**
- The thing is checked

## Outstanding Questions

None at this time.
`;
}

function feature(title: string): string {
  return `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} does useful things.\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

export interface Arena {
  /** The temp folder holding both `root` and `outside`. */
  base: string;
  /** The spec repository. */
  root: string;
  /** A sibling folder the tools must never touch. */
  outside: string;
  cleanup(): void;
}

/**
 * A spec repository with a sibling `outside/` folder holding a plan, a feature and a proposal,
 * and symlinks from inside the repository pointing at them: `spec/plans/evil-link`,
 * `spec/features/evil-link`, `spec/features/cli/proposals/evil-link`, `spec/evil-dir`.
 * Plans: `user-auth` (draft), `in-review` (in_review), `frozen` (approved); features cli, api.
 */
export function makeArena(opts: { git?: boolean; symlinks?: boolean } = {}): Arena {
  const base = mkdtempSync(path.join(os.tmpdir(), 'specplan-hard-'));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  write(outside, 'evil-plan/README.md', planText({ title: 'Outside plan' }));
  write(outside, 'evil-feature/README.md', feature('Outside feature'));
  write(outside, 'evil-proposal/README.md', '# Proposal: Outside\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @eve |\n\n## Summary\n\nEvil.\n');
  write(outside, 'secret.txt', 'do not read or write me\n');
  write(root, 'specscore.yaml', 'project: hardening\nplanning:\n  llm:\n    provider: none\n');
  write(root, 'spec/features/cli/README.md', feature('CLI'));
  write(root, 'spec/features/api/README.md', feature('API'));
  write(
    root,
    'spec/features/cli/proposals/batch-mode/README.md',
    '# Proposal: Batch mode\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @sam |\n\n## Summary\n\nRun many items at once.\n\n## Outstanding Questions\n\nNone at this time.\n',
  );
  write(root, 'spec/plans/user-auth/README.md', planText({ title: 'User auth' }));
  write(root, 'spec/plans/in-review/README.md', planText({ title: 'In review', status: 'in_review' }));
  write(root, 'spec/plans/frozen/README.md', planText({ title: 'Frozen', status: 'approved' }));
  write(root, '.specscore/work-items.yaml', 'items:\n  - { id: T-1, plan: user-auth, step: "1", status: in_progress, updated: 2026-03-20 }\n');
  write(root, 'import-source.md', '# Add batch mode\n\n## Purpose / Big Picture\n\nRun many.\n\n## Progress\n\n- [ ] Parse the batch file\n- [ ] Run each item\n');
  if (opts.symlinks !== false) {
    symlinkSync(path.join(outside, 'evil-plan'), path.join(root, 'spec/plans/evil-link'), 'dir');
    symlinkSync(path.join(outside, 'evil-feature'), path.join(root, 'spec/features/evil-link'), 'dir');
    symlinkSync(path.join(outside, 'evil-proposal'), path.join(root, 'spec/features/cli/proposals/evil-link'), 'dir');
    symlinkSync(outside, path.join(root, 'spec/evil-dir'), 'dir');
  }
  if (opts.git !== false) {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.name', 'Test');
    git(root, 'config', 'user.email', 'test@example.com');
    git(root, 'config', 'commit.gpgsign', 'false');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'fixture');
  }
  return { base, root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
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
  specplan: string;
  whatsNext: string;
}

/**
 * Compile the whole package (src + tools, as `npm run build`) into a private folder under
 * node_modules/.cache keyed by a hash of the sources, so spawned-CLI tests run real built code
 * without racing other engineers' `dist/`. Type errors elsewhere do not stop the emit.
 */
export function buildAll(): Built {
  // A dist/ newer than every source (as test/mcp's global setup leaves it in a full run) is used as is.
  const dist = { specplan: path.join(PROJECT, 'dist/src/cli/specplan.js'), whatsNext: path.join(PROJECT, 'dist/src/cli/whats-next.js') };
  const outputs = [dist.specplan, dist.whatsNext, path.join(PROJECT, 'dist/tools/server.js')];
  if (outputs.every((f) => existsSync(f)) && Math.min(...outputs.map((f) => statSync(f).mtimeMs)) > newestSource()) return dist;
  const cache = path.join(PROJECT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const final = path.join(cache, `specplan-hardening-${sourceHash()}`);
  const built = { specplan: path.join(final, 'src/cli/specplan.js'), whatsNext: path.join(final, 'src/cli/whats-next.js') };
  if (existsSync(built.specplan) && existsSync(path.join(final, 'tools/server.js'))) return built;
  const dir = mkdtempSync(path.join(cache, 'specplan-hardening-tmp-'));
  spawnSync(path.join(PROJECT, 'node_modules/.bin/tsc'), ['-p', path.join(PROJECT, 'tsconfig.build.json'), '--outDir', dir, '--noEmitOnError', 'false'], { encoding: 'utf8' });
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
    if (old.startsWith('specplan-hardening-') && p !== final && Date.now() - statSync(p).mtimeMs > 600_000) rmSync(p, { recursive: true, force: true });
  }
  return built;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  signal?: NodeJS.Signals | null;
}

/** Run a built script as a child process. */
export function run(script: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<RunResult> {
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

/** A clear error: one message on stderr, no stack trace, not reported as an internal bug. */
export function isCleanError(r: RunResult): boolean {
  return r.stderr.trim().length > 0 && !/\n\s+at .+:\d+:\d+/.test(r.stderr) && !/unexpected error/.test(r.stderr);
}
