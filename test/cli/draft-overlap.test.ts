import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useMsw } from '../support/msw.js';
import { snapshot } from '../support/llm-fixture-repo.js';
import { OVERLAP_LINE, overlapRepo as repo } from '../support/overlap-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();
const KEY = { ANTHROPIC_API_KEY: 'sk-ant-test-key' };
const DRAFT = (root: string, ...extra: string[]) => ['draft', '--root', root, '--feature', 'cli', '--slug', 'cli-batch', '--date', '2026-03-14', ...extra];

function prompt(body: unknown): string {
  return (body as { messages: Array<{ role: string; content: string }> }).messages[0]!.content;
}

describe('specplan draft and open plans of the same feature', () => {
  it('a draft repeating an open plan’s steps: exit 1 naming the steps of both plans, nothing written', async () => {
    const root = repo();
    const before = snapshot(root);
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(DRAFT(root), KEY);
    replay.assertDone();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the draft repeats steps of an open plan of the same feature (batch-runner); nothing was written');
    expect(run.stderr).toContain(`  - ${OVERLAP_LINE}`);
    expect(run.stderr).not.toMatch(/Step 4 \(Print the summary report\) repeats/);
    expect(run.stderr).toContain('--allow-overlap');
    expect(run.stderr).toContain('usage: 1 LLM call'); // the usage spent is still reported
    expect(run.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);
  });

  it('the context carries the open plan’s steps, progress and Produces, and the prompt says to build on them', async () => {
    const root = repo();
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(DRAFT(root, '--allow-overlap', '--json'), KEY);
    replay.assertDone();
    expect(run.code, run.stderr).toBe(0);
    const sent = prompt(replay.calls[0]!.body);
    expect(sent).toContain('Plan `batch-runner` — Batch runner (status: approved; progress: 1 of 3 steps done; features: cli)');
    expect(sent).toContain('- 1. Define the batch file schema [done]; produces: `batch-input-schema.json` — the contract for batch files');
    expect(sent).toContain('- 2. Parse batch files [todo]; depends on: 1');
    const system = (replay.calls[0]!.body as { system: Array<{ text: string }> | string }).system;
    expect(JSON.stringify(system)).toContain('Build on them: use what they produce');
    const out = JSON.parse(run.stdout) as { written: string[]; overlaps: string[] };
    expect(out.overlaps).toEqual([OVERLAP_LINE]);
    expect(run.stderr).toContain('overlap (allowed): cli-batch Step 1 (Define batch input schema) repeats batch-runner Step 1');
    expect(existsSync(path.join(root, 'spec/plans/cli-batch/README.md'))).toBe(true);
  });

  it.each([
    ['superseded', 1],
    ['approved', 3],
  ] as const)('an open plan only: a %s plan with %i of 3 steps done is not work to repeat', async (status, done) => {
    const root = repo(status, done);
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(DRAFT(root), KEY);
    replay.assertDone();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('overlap');
  });

  it('sync reports a draft that repeats an open plan like an invalid one: exit 1, nothing written for it', async () => {
    const root = repo('approved', 1, { 'specscore.yaml': 'planning:\n  auto_create: true\n  llm:\n    max_attempts: 2\n' });
    const before = snapshot(root);
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(['sync', '--root', root, '--date', '2026-03-14'], KEY);
    replay.assertDone();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('could not draft a plan for cli/batch-mode');
    expect(run.stderr).toMatch(/batch-mode Step 1 \(Define batch input schema\) repeats batch-runner Step 1/);
    expect(snapshot(root)).toEqual(before);
  });
});
