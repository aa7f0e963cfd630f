import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { parsePlan } from '../../src/parse/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { useMsw } from '../support/msw.js';
import { makeRepo, snapshot } from '../support/llm-fixture-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();
const KEY = { ANTHROPIC_API_KEY: 'sk-ant-test-key' };
const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');

describe('specplan draft --roadmap', () => {
  it('writes the roadmap and every child plan in one operation; all pass lint', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/roadmap-valid');
    const run = await runCli(['draft', '--root', root, '--feature', 'cli', '--roadmap', '--slug', 'cli-batch', '--date', '2026-03-14'], KEY);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(run.stdout.trim().split('\n')).toEqual([
      'wrote spec/features/cli/README.md',
      'wrote spec/plans/README.md',
      'wrote spec/plans/cli-batch/README.md',
      'wrote spec/plans/cli-batch/batch-execution/README.md',
      'wrote spec/plans/cli-batch/batch-input/README.md',
    ]);
    expect(run.stderr).toContain('drafted cli-batch with 2 child plans with anthropic claude-sonnet-4-6 in 1 attempt');
    expect(run.stderr).toContain('usage: 1 LLM call, 2,610 input tokens, 1,204 output tokens');
    const roadmap = parsePlan(read(root, 'spec/plans/cli-batch/README.md')).plan;
    expect(roadmap.steps).toBeNull();
    expect(roadmap.childPlans!.map((r) => [r.order, r.plan.href, r.effort])).toEqual([
      ['1', 'batch-input/', 'S'],
      ['2', 'batch-execution/', 'M'],
    ]);
    const child = parsePlan(read(root, 'spec/plans/cli-batch/batch-input/README.md')).plan;
    expect(child.header.features).toEqual([{ text: 'cli', href: '../../../features/cli/README.md' }]);
    expect(read(root, 'spec/plans/README.md')).toContain('[batch-input](cli-batch/batch-input/)');
    expect(lintRepo(loadRepo(root)).errorCount).toBe(0);
  });

  it('repairs child problems with the errors named by child', async () => {
    const root = makeRepo();
    const replay = msw.replay('anthropic/roadmap-repair');
    const run = await runCli(['draft', '--root', root, '--feature', 'cli', '--roadmap', '--slug', 'cli-batch'], KEY);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    const second = (replay.calls[1]!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(second).toContain('The slug of child plan 1 is "Batch Input", which is not a valid plan slug');
    expect(second).toMatch(/Child plan 2 \(batch-execution\): step 2 \([^)]+\) depends on Step 3, which does not exist/);
    expect(second).not.toMatch(/\b[a-zA-Z]+\[\d+\]/);
  });

  it('--provider none: a deterministic roadmap with one child per behaviour section; --dry-run writes nothing', async () => {
    const root = makeRepo();
    const before = snapshot(root);
    const dry = await runCli(['draft', '--root', root, '--feature', 'cli', '--roadmap', '--provider', 'none', '--dry-run', '--date', '2026-03-14']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(snapshot(root)).toEqual(before);
    expect(dry.stdout).toContain('| 1 | [batch-input](batch-input/) | draft | — | — |');
    const run = await runCli(['draft', '--root', root, '--feature', 'cli', '--roadmap', '--provider', 'none', '--date', '2026-03-14']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote spec/plans/cli/reporting/README.md');
    expect(lintRepo(loadRepo(root)).errorCount).toBe(0);
  });

  it('--roadmap with --parent is a usage error', async () => {
    const run = await runCli(['draft', '--root', makeRepo(), '--feature', 'cli', '--roadmap', '--parent', 'x']);
    expect(run.code).toBe(2);
  });
});
