import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintRepo } from '../../src/lint/index.js';
import { indexChangesFor } from '../../src/app/unit-of-work.js';
import { loadExecution } from '../../src/repo/execution.js';
import { loadRepo } from '../../src/repo/load.js';
import { buildAll } from './built-cli.js';
import { runSpecplanInProcess } from './in-process-cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));

// Hermetic git: the temp repositories see neither the user's nor the system's git configuration
// (a global core.hooksPath or commit signing would change what the tests exercise).
process.env.GIT_CONFIG_GLOBAL = os.devNull;
process.env.GIT_CONFIG_NOSYSTEM = '1';
/** The checkout root. */
export const PROJECT = path.resolve(here, '../..');
export const CORPUS_ROOT = path.resolve(PROJECT, '../shared/corpora/synchestra-spec');

/**
 * The built `specplan` CLI (the shared test build of the whole package, see
 * test/support/built-cli.ts), so the tests run real built code with `node` on a clean checkout.
 */
export function buildCli(): { script: string; cleanup: () => void } {
  return { script: buildAll().specplan, cleanup: () => undefined };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI synchronously in `cwd`. */
export function runCli(script: string, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run the built CLI as a child process (for concurrency tests). */
export function runCliAsync(script: string, cwd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** git in `cwd`; throws on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

function feature(title: string): string {
  return `# Feature: ${title}\n\n**Status:** Approved\n\n## Summary\n\n${title} does useful things.\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

/** A small spec repository: features cli, api, chat, chat/workflow; an approved proposal cli/batch-mode. */
export interface RepoOptions {
  enforceFreeze?: 'warn' | 'reject' | 'off';
  git?: boolean;
}

/** Create a temp spec repository (a real git repository with one commit unless `git: false`). */
export function makeRepo(opts: RepoOptions = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-lc-'));
  write(root, 'spec/features/cli/README.md', feature('CLI'));
  write(root, 'spec/features/api/README.md', feature('API'));
  write(root, 'spec/features/chat/README.md', feature('Chat'));
  write(root, 'spec/features/chat/workflow/README.md', feature('Chat workflow'));
  write(
    root,
    'spec/features/cli/proposals/batch-mode/README.md',
    '# Proposal: Batch mode\n\n| Field | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @sam |\n\n## Summary\n\nRun many items at once.\n\n## Outstanding Questions\n\nNone at this time.\n',
  );
  write(root, 'specscore.yaml', `project: demo\nplanning:\n  enforce_freeze: ${opts.enforceFreeze ?? 'warn'}\n`);
  if (opts.git !== false) {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.name', 'Test');
    git(root, 'config', 'user.email', 'test@example.com');
    git(root, 'config', 'commit.gpgsign', 'false');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial spec');
  }
  return root;
}

/** Commit everything in the work tree. */
export function commitAll(root: string, message: string, ...extra: string[]): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message, ...extra);
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export function writeFile(root: string, rel: string, text: string): void {
  write(root, rel, text);
}

/**
 * What `specplan lint` and `specplan index --check` would say: lint errors and warnings, and the
 * files the index would rewrite. Both empty on a clean repository.
 */
export async function health(root: string): Promise<{ problems: string[]; drift: string[] }> {
  const repo = loadRepo(root);
  const exec = await loadExecution(root);
  const lint = lintRepo(repo, { items: exec.items });
  const problems = lint.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`);
  const drift = indexChangesFor(repo, exec.items).map((c) => c.file);
  return { problems, drift };
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * Run a `specplan` command in this process through the binary's own dispatch (`runSpecplan`),
 * without a node start-up; stdout and stderr are captured and `--root` is appended. Used for the
 * large matrices; every command also runs as a real process elsewhere.
 */
export function runInProcess(root: string, args: string[]): Promise<RunResult> {
  return runSpecplanInProcess([...args, '--root', root]);
}
