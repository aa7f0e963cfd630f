import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankPlans } from '../../src/rank/score.js';
import type { PlanFacts } from '../../src/rank/types.js';
import { cli, copyExample, git, gitInit, read, REPORT, write } from '../support/whats-next-helpers.js';

const offline = (root: string, ...flags: string[]) => ['--root', root, '--provider', 'none', ...flags];
const at = { SPECPLAN_TODAY: '2026-04-03' };

function section(report: string, title: string): string {
  const start = report.indexOf(`## ${title}`);
  const end = report.indexOf('\n## ', start + 3);
  return report.slice(start, end > 0 ? end : undefined);
}

describe("What's Next never answers wrong in silence", () => {
  it('a plan with lint errors is never recommended: it is listed as needing rework with its error count', async () => {
    const root = copyExample();
    // A strategy note filed as a plan: no Steps, no Acceptance criteria.
    write(
      root,
      'spec/plans/search-indexing/README.md',
      '# Plan: Search strategy\n\n**Status:** draft\n**Source type:** strategy\n**Author:** @dana\n**Created:** 2026-03-01\n\n## Context\n\nThoughts on search.\n',
    );
    const res = await cli(offline(root, '--full', '--json'), at);
    expect(res.code).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.recommended.map((e: { plan: string }) => e.plan)).not.toContain('search-indexing');
    expect(r.needsRework).toEqual([{ plan: 'search-indexing', errors: expect.any(Number) }]);
    expect(r.needsRework[0].errors).toBeGreaterThan(0);
    const report = read(root, REPORT);
    expect(section(report, 'Recommended Next')).toMatch(
      /Needs rework before it can be recommended: \[search-indexing\]\(search-indexing\/\) \(\d+ lint errors?\)\./,
    );
  });

  it('effort is never inferred from zero steps', () => {
    const f: PlanFacts = {
      path: 'strategy',
      title: 'Strategy',
      status: 'draft',
      roadmap: false,
      parent: null,
      children: [],
      effort: null,
      impact: 'high',
      features: [],
      steps: 0,
      progress: { done: 0, total: 0, completed: false, completedOn: null, inProgress: false, blockedItems: [] },
      predecessors: [],
      blockedBy: [],
      supersededPredecessors: [],
      downstream: 0,
      lintErrors: 0,
      estimate: { effort: 'S', impact: 'high', effortEvidence: '0 steps → S (S means 1-3 steps)', impactEvidence: 'x' } as PlanFacts['estimate'],
    };
    const [r] = rankPlans([f], { newlyUnblocked: new Map() }).ranked;
    expect(r!.effort).toBe('M');
    expect(r!.reasons.join('\n')).toContain('effort M inferred: the plan has no steps to measure; assumed medium');
    expect(r!.reasons.join('\n')).not.toContain('0 steps');
  });

  it('a draft whose steps all complete through trailers stays an open question, not "Completed Since Last Update"', async () => {
    const root = copyExample();
    gitInit(root);
    for (let i = 1; i <= 5; i++) git(root, 'commit', '-q', '--allow-empty', '-m', `Search step ${i}\n\nPlan-Step: search-indexing#${i}`);
    const res = await cli(offline(root, '--full', '--json'), at);
    expect(res.code).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.completed.map((c: { plan: string }) => c.plan)).not.toContain('search-indexing');
    expect(r.inProgress).toContainEqual({ plan: 'search-indexing', done: 5, total: 5, blockers: [] });
    expect(r.questions).toContain('search-indexing has every step done but was never approved (still draft): approve it, or supersede it?');
  });

  it('a bare whats-next with no configuration file says so and what a bare run needs', async () => {
    const root = copyExample();
    rmSync(path.join(root, 'specscore.yaml'));
    const before = read(root, REPORT);
    const res = await cli(offline(root), at);
    expect(res.code).toBe(0);
    expect(res.stderr).not.toContain('"disabled" in the configuration');
    expect(res.stderr).toContain(
      'whats-next: there is no configuration file (specscore.yaml), so a run that names no mode does nothing; run whats-next --incremental or whats-next --full, or create specscore.yaml with planning.whats_next: incremental',
    );
    expect(read(root, REPORT)).toBe(before);
  });
});
