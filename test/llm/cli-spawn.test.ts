import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load.js';
import { makeRepo, snapshot } from './fixture-repo.js';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRELOAD = path.join(PROJECT, 'test', 'preload.mjs');
let buildDir = '';
let script = '';

/** Compile the real `specplan` entry point with this area's commands into a private folder. */
function buildCli(): void {
  buildDir = mkdtempSync(path.join(PROJECT, 'node_modules', '.cache', 'specplan-llm-'));
  const rel = (p: string) => path.relative(buildDir, path.join(PROJECT, p)).split(path.sep).join('/');
  const files = ['src/cli/specplan.ts', 'src/cli/commands/draft.ts', 'src/cli/commands/suggest.ts', 'src/cli/commands/sync.ts'];
  writeFileSync(path.join(buildDir, 'tsconfig.json'), JSON.stringify({ extends: rel('tsconfig.build.json'), compilerOptions: { outDir: './out', rootDir: rel('.'), noEmitOnError: false }, include: [], files: files.map(rel) }));
  // Type errors in files other engineers are still editing must not stop the emit; a missing output does.
  spawnSync(path.join(PROJECT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(buildDir, 'tsconfig.json')], { encoding: 'utf8' });
  script = path.join(buildDir, 'out', 'src', 'cli', 'specplan.js');
  if (!existsSync(script)) throw new Error(`building the CLI failed: ${script} was not emitted`);
}

interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
  log: { calls: Array<{ url: string; headers: Record<string, string>; body: { messages: Array<{ role: string; content: string }> } }>; problems: string[]; unused: number };
}

/** Run the built CLI in a child process with msw preloaded replaying `recording`. */
function spawnCli(args: string[], recording: string, env: Record<string, string>): Spawned {
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'specplan-replay-')), 'log.json');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|OPENAI_|SPECPLAN_LLM_)/.test(k)));
  const r = spawnSync(process.execPath, ['--import', PRELOAD, script, ...args], {
    encoding: 'utf8',
    env: { ...clean, ...env, SPECPLAN_REPLAY: recording, SPECPLAN_REPLAY_LOG: logFile },
    timeout: 60_000,
  });
  const log = existsSync(logFile) ? JSON.parse(readFileSync(logFile, 'utf8')) : { calls: [], problems: ['no replay log written'], unused: -1 };
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, log };
}

beforeAll(buildCli, 60_000);
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

describe('the real specplan binary with msw preloaded in the child', () => {
  it('drafts and writes a plan that passes lint, printing token usage', () => {
    const root = makeRepo(undefined, { git: true });
    const run = spawnCli(['draft', '--root', root, '--feature', 'cli', '--date', '2026-03-14'], 'anthropic/draft-valid', { ANTHROPIC_API_KEY: 'sk-ant-test-key' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.log.problems).toEqual([]);
    expect(run.log.unused).toBe(0);
    expect(run.log.calls).toHaveLength(1);
    expect(run.log.calls[0]!.headers.authorization).toBe('<redacted>');
    expect(run.stdout).toContain('wrote spec/plans/cli/README.md');
    expect(run.stderr).toContain('usage: 1 LLM call, 2,480 input tokens, 690 output tokens');
    const lint = lintRepo(loadRepo(root));
    expect(lint.errorCount, JSON.stringify(lint.diagnostics)).toBe(0);
  });

  it('exits 1 with the errors listed and leaves the repository untouched when every attempt is invalid', () => {
    const root = makeRepo(undefined, { git: true });
    const before = snapshot(root);
    const run = spawnCli(['draft', '--root', root, '--feature', 'cli'], 'anthropic/invalid-every-attempt', { ANTHROPIC_API_KEY: 'sk-ant-test-key' });
    expect(run.code).toBe(1);
    expect(run.log.problems).toEqual([]);
    expect(run.log.calls).toHaveLength(2);
    expect(run.log.calls[1]!.body.messages.at(-1)!.content).toContain('lint plan/dependency-cycle');
    expect(run.stderr).toContain('still invalid after 2 attempts; nothing was written');
    expect(run.stderr).toContain('usage: 2 LLM calls');
    expect(run.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);
  });

  it('fails when the CLI sends a request that is not recorded', () => {
    const root = makeRepo();
    const run = spawnCli(['draft', '--root', root, '--feature', 'cli'], 'anthropic/draft-valid', { OPENAI_API_KEY: 'sk-test-key', SPECPLAN_LLM_MAX_RETRIES: '0' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not reach openai/);
    expect(run.log.calls).toHaveLength(0);
    expect(run.log.unused).toBe(1);
  });
});
