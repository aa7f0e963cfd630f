import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eligibility } from '../../src/rank/eligibility.js';
import { rankPlans } from '../../src/rank/score.js';
import { featureMaturity } from '../../src/rank/signals.js';
import type { PlanFacts } from '../../src/rank/types.js';
import { planFacts as facts } from '../support/plan-facts.js';

const none = { newlyUnblocked: new Map<string, string[]>() };
const order = (fs: PlanFacts[], baseline = none) => rankPlans(fs, baseline).ranked.map((r) => r.plan);

describe('ranking', () => {
  it('puts explicit ROI (impact over effort) first', () => {
    expect(
      order([facts('a', { impact: 'low', effort: 'XL' }), facts('b', { impact: 'critical', effort: 'S' }), facts('c', { impact: 'high', effort: 'M' })]),
    ).toEqual(['b', 'c', 'a']);
  });

  it('never recommends completed, superseded, blocked or invalid plans, nor plans already in progress or roadmaps with children', () => {
    const r = rankPlans(
      [
        facts('done', {
          impact: 'critical',
          effort: 'S',
          progress: { done: 3, total: 3, completed: true, completedOn: '2026-01-01', inProgress: false, blockedItems: [] },
        }),
        facts('old', { status: 'superseded', impact: 'critical', effort: 'S' }),
        facts('waits', { blockedBy: ['done-not'], predecessors: ['done-not'], impact: 'critical', effort: 'S' }),
        facts('weird', { status: 'paused' }),
        facts('shipped', { status: 'implemented' }),
        facts('dropped', { status: 'withdrawn' }),
        facts('busy', { progress: { done: 1, total: 3, completed: false, completedOn: null, inProgress: true, blockedItems: [] } }),
        facts('road', { roadmap: true, children: ['road/x'] }),
        facts('ok'),
      ],
      none,
    );
    expect(r.ranked.map((x) => x.plan)).toEqual(['ok']);
    expect(Object.fromEntries(r.excluded.map((x) => [x.plan, x.why]))).toEqual({
      done: 'completed',
      old: 'superseded',
      waits: 'blocked',
      weird: 'invalid_status',
      shipped: 'closed',
      dropped: 'closed',
      busy: 'in_progress',
      road: 'roadmap',
    });
  });

  it('says what drafts and plans in review need next', () => {
    const r = rankPlans(
      [facts('d', { status: 'draft' }), facts('r', { status: 'in_review' }), facts('a'), facts('road', { roadmap: true, status: 'draft' })],
      none,
    ).ranked;
    expect(Object.fromEntries(r.map((x) => [x.plan, x.need]))).toEqual({ d: 'review', r: 'approval', a: 'start', road: 'decomposition' });
  });

  it('boosts a plan newly unblocked since the last report and says by what', () => {
    const plain = facts('a', { impact: 'high', effort: 'M' });
    const freed = facts('b', { impact: 'high', effort: 'M', predecessors: ['p'] });
    const baseline = { newlyUnblocked: new Map([['b', ['p']]]) };
    const r = rankPlans([plain, freed], baseline).ranked;
    expect(r.map((x) => x.plan)).toEqual(['b', 'a']);
    expect(r[0]!.reasons[0]).toBe('unblocked by p completion');
    expect(r[0]!.unblockedBy).toEqual(['p']);
    expect(r[0]!.score - r[1]!.score).toBe(20);
  });

  it('weighs downstream work, momentum of a roadmap in progress and feature status, in that order', () => {
    const progress = { done: 1, total: 2, completed: false, completedOn: null, inProgress: true, blockedItems: [] };
    const all = [
      facts('road', { roadmap: true, children: ['road/one', 'road/two'] }),
      facts('road/one', { parent: 'road', progress }),
      facts('road/two', { parent: 'road', predecessors: [], status: 'approved' }),
      facts('lonely', { features: [{ path: 'f', status: 'Stable' }] }),
      facts('key', { downstream: 5 }),
    ];
    const r = rankPlans(all, none).ranked;
    expect(r.map((x) => x.plan)).toEqual(['road/two', 'key', 'lonely']);
    expect(r[0]!.reasons).toContain('advances roadmap road, already in progress (1 in progress)');
    expect(r[1]!.reasons).toContain('unblocks 5 downstream plans');
    expect(r[2]!.reasons).toContain('features closer to Stable: f (Stable)');
  });

  it('uses the inferred estimate where the header has none, marks it inferred and discounts it against explicit values', () => {
    const estimate = {
      effort: 'S' as const,
      impact: 'high' as const,
      effortEvidence: '2 steps → S (S means 1-3 steps)',
      impactEvidence: '1 plan waits for this one (+2)',
    };
    const guessed = facts('guessed', { effort: null, impact: null, estimate });
    const half = facts('half', { effort: 'S', impact: null, estimate });
    const explicit = facts('explicit', { effort: 'S', impact: 'high' });
    const r = rankPlans([guessed, half, explicit], none).ranked;
    const g = r.find((x) => x.plan === 'guessed')!;
    expect(g.effort).toBe('S');
    expect(g.impact).toBe('high');
    expect(g.inferred).toEqual(['effort', 'impact']);
    expect(g.reasons).toContain('effort S inferred: 2 steps → S (S means 1-3 steps)');
    expect(g.reasons).toContain('impact high inferred: 1 plan waits for this one (+2)');
    expect(r.find((x) => x.plan === 'half')!.inferred).toEqual(['impact']);
    expect(r.map((x) => x.plan)).toEqual(['explicit', 'half', 'guessed']); // same ROI, explicit values are trusted more
  });

  it('is deterministic: ties break by plan path, input order does not matter', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['b', 'a', 'd', 'c', 'e'], { minLength: 5, maxLength: 5 }), (paths) => {
        expect(order(paths.map((p) => facts(p)))).toEqual(['a', 'b', 'c', 'd', 'e']);
      }),
    );
  });
});

describe('eligibility and inference', () => {
  it('blocked wins over in progress; completed over blocked', () => {
    const p = { done: 3, total: 3, completed: true, completedOn: null, inProgress: false, blockedItems: [] };
    expect(eligibility(facts('x', { progress: p, blockedBy: ['y'] }))).toEqual({ eligible: false, why: 'completed' });
  });

  it('reads feature maturity from the status words used in specs', () => {
    expect(featureMaturity('Stable')).toBe(1);
    expect(featureMaturity('In Progress')).toBeGreaterThan(featureMaturity('Conceptual'));
    expect(featureMaturity('`in_progress`')).toBe(featureMaturity('In Progress'));
    expect(featureMaturity(null)).toBe(0);
    expect(featureMaturity('whatever')).toBe(0);
  });
});
