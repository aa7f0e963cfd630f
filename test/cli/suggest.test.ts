import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimatePlan, inconsistencies } from '../../src/analysis/estimate.js';
import { setEstimateFields } from '../../src/edit/estimate-fields.js';
import { lintRepo } from '../../src/lint/index.js';
import { parsePlan } from '../../src/parse/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { useMsw } from '../support/msw.js';
import { makeRepo, snapshot, SMALL_REPO } from '../support/llm-fixture-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();

function planDoc(opts: { title: string; status: string; steps: number; effort?: string; impact?: string; prefix?: string; deps?: boolean }): string {
  const up = opts.prefix ?? '../../';
  const header = [
    `# Plan: ${opts.title}`,
    '',
    `**Status:** ${opts.status}`,
    '**Features:**',
    `  - [cli](${up}features/cli/README.md)`,
    '**Source type:** feature',
    `**Source:** [CLI feature spec](${up}features/cli/)`,
    '**Author:** @alex',
    ...(opts.status === 'approved' ? ['**Approver:** @jordan'] : []),
    '**Created:** 2026-03-01',
    ...(opts.status === 'approved' ? ['**Approved:** 2026-03-02'] : []),
    ...(opts.effort ? [`**Effort:** ${opts.effort}`] : []),
    ...(opts.impact ? [`**Impact:** ${opts.impact}`] : []),
  ];
  const steps = Array.from(
    { length: opts.steps },
    (_, i) =>
      `### ${i + 1}. Step ${i + 1}\n\nDo part ${i + 1}.\n\n**Depends on:** ${opts.deps !== false && i > 0 ? `Step ${i}` : '(none)'}\n\n**Acceptance criteria:**\n- Part ${i + 1} works`,
  );
  return `${header.join('\n')}\n\n## Context\n\nWhy.\n\n## Acceptance criteria\n\n- All parts work\n\n## Steps\n\n${steps.join('\n\n')}\n\n## Outstanding Questions\n\nNone at this time.\n`;
}

const ROADMAP = `# Plan: CLI roadmap

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
  - [api](../../features/api/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
**Created:** 2026-03-01

## Context

Roadmap.

## Acceptance criteria

- All child plans completed

## Child Plans

| Order | Plan | Status | Effort | Impact |
|-------|------|--------|--------|--------|
| 1 | [parser](parser/) | draft | — | — |
| 2 | [runner](runner/) | draft | — | — |
| 3 | [report](report/) | draft | — | — |

## Outstanding Questions

None at this time.
`;

const REPO = {
  ...SMALL_REPO,
  'spec/plans/big/README.md': planDoc({ title: 'Big', status: 'draft', steps: 12, effort: 'S', impact: 'low' }),
  'spec/plans/small/README.md': planDoc({ title: 'Small', status: 'draft', steps: 2, deps: false }),
  'spec/plans/frozen/README.md': planDoc({ title: 'Frozen', status: 'approved', steps: 3 }),
  'spec/plans/seven/README.md': planDoc({ title: 'Seven', status: 'draft', steps: 7, impact: 'medium' }),
  'spec/plans/cli-roadmap/README.md': ROADMAP,
  'spec/plans/cli-roadmap/parser/README.md': planDoc({ title: 'Parser', status: 'draft', steps: 4, prefix: '../../../' }),
  'spec/plans/cli-roadmap/runner/README.md': planDoc({ title: 'Runner', status: 'draft', steps: 3, prefix: '../../../' }),
  'spec/plans/cli-roadmap/report/README.md': planDoc({ title: 'Report', status: 'draft', steps: 2, prefix: '../../../' }),
};

describe('rule-based estimate', () => {
  it('sizes effort from steps, depth and criteria, with evidence', () => {
    const repo = loadRepo(makeRepo(REPO));
    const big = estimatePlan(repo, repo.plans.get('big')!);
    expect(big.effort).toBe('XL');
    expect(big.metrics).toMatchObject({ steps: 12, subSteps: 0, dependencyDepth: 11, acceptanceCriteria: 13, childPlans: 0, downstream: 0 });
    expect(big.metrics.criticalPath).toHaveLength(12);
    expect(big.evidence.effort[0]).toBe('12 steps → XL (XL means 8+ steps)');
    const small = estimatePlan(repo, repo.plans.get('small')!);
    expect(small.effort).toBe('S');
    expect(small.metrics.dependencyDepth).toBe(0);
    expect(estimatePlan(repo, repo.plans.get('cli-roadmap')!).effort).toBe('XL');
  });

  it('sizes impact from downstream plans, feature status and breadth', () => {
    const repo = loadRepo(makeRepo(REPO));
    const parser = estimatePlan(repo, repo.plans.get('cli-roadmap/parser')!);
    expect(parser.metrics.downstream).toBe(2);
    expect(parser.impact).toBe('critical');
    expect(parser.evidence.impact).toContain('2 plans wait for this one (+4)');
    const report = estimatePlan(repo, repo.plans.get('cli-roadmap/report')!);
    expect(report.impact).toBe('medium');
    expect(report.evidence.impact).toContain('new capability: cli is Approved (+1)');
  });

  it('flags inconsistent estimates: an S plan with 12 steps, a low-impact plan others wait for', () => {
    const repo = loadRepo(makeRepo(REPO));
    const est = estimatePlan(repo, repo.plans.get('big')!);
    expect(inconsistencies({ effort: 'S', impact: 'low' }, est)).toEqual(['Effort S but the plan has 12 steps (S means 1-3 steps)']);
    const parser = estimatePlan(repo, repo.plans.get('cli-roadmap/parser')!);
    expect(inconsistencies({ effort: 'M', impact: 'low' }, parser)).toEqual(['Impact low but 2 plans wait for this one']);
    expect(inconsistencies({ effort: 'Huge', impact: null }, parser)).toEqual(['Effort "Huge" is not one of S, M, L, XL']);
    expect(inconsistencies({ effort: 'M', impact: 'critical' }, parser)).toEqual([]);
  });

  it('agrees with the one effort scale: a seven-step chain sized up to XL for deep dependencies is not called inconsistent', () => {
    const repo = loadRepo(makeRepo(REPO));
    const seven = estimatePlan(repo, repo.plans.get('seven')!);
    expect(seven.effort).toBe('XL');
    expect(seven.evidence.effort[1]).toMatch(/critical path of 7 steps \(deep dependencies\) → one size up: XL/);
    expect(inconsistencies({ effort: seven.effort, impact: null }, seven)).toEqual([]);
    expect(inconsistencies({ effort: 'L', impact: null }, seven)).toEqual([]);
    const flatRepo = loadRepo(makeRepo({ ...REPO, 'spec/plans/seven/README.md': planDoc({ title: 'Seven', status: 'draft', steps: 7, deps: false }) }));
    const flat = estimatePlan(flatRepo, flatRepo.plans.get('seven')!);
    expect(flat.effort).toBe('L');
    expect(inconsistencies({ effort: 'XL', impact: null }, flat)).toEqual([
      'Effort XL but the plan has 7 steps (XL means 8+ steps; one size more only for deep dependencies, heavy verification or 3+ features)',
    ]);
  });

  it('edits only the Effort and Impact lines, in the seed order', () => {
    const text = REPO['spec/plans/small/README.md'];
    const out = setEstimateFields(text, { effort: 'M', impact: 'high' });
    expect(out.replace('**Effort:** M\n**Impact:** high\n', '')).toBe(text);
    expect(out).toContain('**Created:** 2026-03-01\n**Effort:** M\n**Impact:** high\n');
    expect(setEstimateFields(out, { effort: 'L' })).toBe(out.replace('**Effort:** M', '**Effort:** L'));
  });
});

describe('specplan suggest', () => {
  it('--provider none: the estimate with evidence and the inconsistency flag', async () => {
    const root = makeRepo(REPO);
    const run = await runCli(['suggest', 'big', '--root', root, '--provider', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('declared: effort S, impact low');
    expect(run.stdout).toContain('estimate: effort XL, impact medium');
    expect(run.stdout).toContain('  effort: 12 steps → XL (XL means 8+ steps)');
    expect(run.stdout).toContain('inconsistent: Effort S but the plan has 12 steps (S means 1-3 steps)');
    expect(run.stdout).toContain('llm: not asked (provider none)');
    expect(run.stderr).toContain('usage: 0 LLM calls');
  });

  it('with a model: both values shown, the estimate sent as evidence, usage printed', async () => {
    const root = makeRepo(REPO);
    const replay = msw.replay('anthropic/suggest');
    const run = await runCli(['suggest', 'small', '--root', root, '--json'], { ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    const doc = JSON.parse(run.stdout) as { estimate: { effort: string }; llm: { effort: string; impact: string }; suggested: unknown; usage: unknown };
    expect(doc.estimate.effort).toBe('S');
    expect(doc.llm).toMatchObject({ effort: 'L', impact: 'high', provider: 'anthropic', model: 'claude-sonnet-4-6' });
    // L contradicts a two-step plan: shown as the model's view, not suggested; high is consistent.
    expect(doc.suggested).toEqual({ effort: 'S', impact: 'high' });
    expect(doc.usage).toEqual({ llmCalls: 1, inputTokens: 1710, outputTokens: 96 });
    const prompt = (replay.calls[0]!.body as { messages: Array<{ content: string }> }).messages[0]!.content;
    expect(prompt).toContain('Rule-based estimate and its evidence');
    expect(prompt).toContain('- 2 steps → S (S means 1-3 steps)');
    expect(prompt).toContain('# Plan: Small');
  });

  it('--apply writes Effort and Impact to a draft plan and the index, and the result passes lint', async () => {
    const root = makeRepo(REPO);
    const before = readFileSync(path.join(root, 'spec/plans/small/README.md'), 'utf8');
    const run = await runCli(['suggest', 'small', '--root', root, '--provider', 'none', '--apply']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote spec/plans/small/README.md');
    const after = readFileSync(path.join(root, 'spec/plans/small/README.md'), 'utf8');
    expect(after.replace('**Effort:** S\n**Impact:** medium\n', '')).toBe(before);
    expect(parsePlan(after).plan.header).toMatchObject({ effort: 'S', impact: 'medium' });
    expect(readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8')).toMatch(/\[small\]\(small\/\) \| draft \|.*\| S \| medium \|/);
    const again = await runCli(['suggest', 'small', '--root', root, '--provider', 'none', '--apply']);
    expect(again.stdout).toContain('already up to date; nothing written');
    expect(lintRepo(loadRepo(root)).diagnostics.filter((d) => d.severity === 'error' && d.file.includes('small'))).toEqual([]);
  });

  it('--apply refuses an approved plan: exit 1, nothing written', async () => {
    const root = makeRepo(REPO);
    const before = snapshot(root);
    const run = await runCli(['suggest', 'frozen', '--root', root, '--provider', 'none', '--apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan "frozen" is approved; effort and impact are written only to draft or in_review plans');
    expect(snapshot(root)).toEqual(before);
  });

  it('an unknown plan is a usage error', async () => {
    const run = await runCli(['suggest', 'nope', '--root', makeRepo(REPO), '--provider', 'none']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('plan "nope" does not exist');
  });

  it('--apply writes only values consistent with the plan: a model answering S/critical for seven steps is shown, not written', async () => {
    const root = makeRepo(REPO);
    const replay = msw.replay('anthropic/suggest-inconsistent');
    const run = await runCli(['suggest', 'seven', '--root', root, '--apply'], { ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(run.stdout).toContain('llm (anthropic claude-sonnet-4-6): effort S, impact critical');
    expect(run.stdout).toMatch(/not suggested: the model's value is not suggested: Effort S but the plan has 7 steps/);
    expect(run.stdout).toMatch(/not suggested: .*Impact critical is two or more levels from the estimate/);
    const header = parsePlan(readFileSync(path.join(root, 'spec/plans/seven/README.md'), 'utf8')).plan.header;
    expect(header.effort).toBe('XL'); // the estimate: 7 steps in a chain, one size up for deep dependencies
    expect(header.impact).toBe('medium'); // the author's value, consistent with the plan, is kept
    // `suggest` itself finds nothing inconsistent in what `--apply` wrote.
    const check = await runCli(['suggest', 'seven', '--root', root, '--provider', 'none', '--json']);
    expect(JSON.parse(check.stdout).inconsistencies).toEqual([]);
  });

  it('--apply --effort S writes an explicit override and names it as forced', async () => {
    const root = makeRepo(REPO);
    const run = await runCli(['suggest', 'seven', '--root', root, '--provider', 'none', '--apply', '--effort', 'S']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/forced: override kept although effort S but the plan has 7 steps/);
    expect(run.stdout).toContain('writing: effort S, impact medium');
    expect(parsePlan(readFileSync(path.join(root, 'spec/plans/seven/README.md'), 'utf8')).plan.header).toMatchObject({ effort: 'S', impact: 'medium' });
    const bad = await runCli(['suggest', 'seven', '--root', root, '--provider', 'none', '--effort', 'S']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('add --apply');
  });

  it('--apply on an approved plan refuses before asking the model', async () => {
    const root = makeRepo(REPO);
    const replay = msw.replay('anthropic/suggest');
    const run = await runCli(['suggest', 'frozen', '--root', root, '--apply'], { ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan "frozen" is approved; effort and impact are written only to draft or in_review plans');
    expect(replay.calls).toHaveLength(0);
  });
});
