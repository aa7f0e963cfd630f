import { eligibility } from './eligibility.js';
import { featureMaturity, INFERRED_DISCOUNT, MAX_ROI, roiOf, round2, WEIGHTS } from './signals.js';
import type { Ineligibility, PlanFacts, RankBaseline, Recommendation } from './types.js';

export interface Ranking {
  /** Every eligible plan, best first; ties broken by plan path. */
  ranked: Recommendation[];
  /** Plans left out and why, sorted by path. */
  excluded: Array<{ plan: string; why: Ineligibility }>;
}

interface Part {
  value: number;
  order: number;
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Roadmap → its progress among children: completed and in-progress child counts. */
function roadmapMomentum(facts: readonly PlanFacts[]): Map<string, { completed: number; inProgress: number; total: number }> {
  const byPath = new Map(facts.map((f) => [f.path, f]));
  const out = new Map<string, { completed: number; inProgress: number; total: number }>();
  for (const f of facts) {
    if (!f.roadmap || !f.children.length) continue;
    const kids = f.children.map((c) => byPath.get(c)).filter((c): c is PlanFacts => !!c && c.status !== 'superseded');
    out.set(f.path, {
      completed: kids.filter((k) => k.progress.completed).length,
      inProgress: kids.filter((k) => k.progress.inProgress).length,
      total: kids.length,
    });
  }
  return out;
}

/**
 * Rank every eligible plan with the seed's signals, in its order of priority: explicit ROI
 * (impact over effort), dependency unlocks (newly unblocked since the last report; downstream
 * plans waiting), momentum (its roadmap already in progress), feature status (closer to Stable),
 * and inferred effort/impact where the header has none (discounted, and marked inferred). Every
 * entry carries its score and reasons. Pure and deterministic: ties break by plan path.
 */
export function rankPlans(facts: readonly PlanFacts[], baseline: RankBaseline): Ranking {
  const momentum = roadmapMomentum(facts);
  const scored: Recommendation[] = [];
  const excluded: Ranking['excluded'] = [];
  for (const f of facts) {
    const e = eligibility(f);
    if (!e.eligible) {
      excluded.push({ plan: f.path, why: e.why });
      continue;
    }
    const parts: Part[] = [];
    const inferred: Array<'effort' | 'impact'> = [];
    const inferredNotes: string[] = [];
    let effort = f.effort;
    let impact = f.impact;
    if (!effort) {
      // Zero steps say nothing about size (a roadmap without children is measured as a roadmap).
      const measurable = f.steps > 0 || f.roadmap;
      effort = (measurable ? f.estimate?.effort : undefined) ?? 'M';
      inferred.push('effort');
      const evidence = !measurable
        ? 'the plan has no steps to measure; assumed medium'
        : (f.estimate?.effortEvidence ?? 'no estimate available; assumed medium');
      inferredNotes.push(`effort ${effort} inferred: ${evidence}`);
    }
    if (!impact) {
      impact = f.estimate?.impact ?? 'medium';
      inferred.push('impact');
      inferredNotes.push(`impact ${impact} inferred: ${f.estimate?.impactEvidence ?? 'no estimate available; assumed medium'}`);
    }
    const roi = roiOf(impact, effort);
    const confidence = INFERRED_DISCOUNT ** inferred.length;
    const roiScore = (roi / MAX_ROI) * WEIGHTS.roi * confidence;
    const mark = (k: 'effort' | 'impact') => (inferred.includes(k) ? ' (inferred)' : '');
    parts.push({ value: roiScore, order: 0, text: `ROI ${round2(roi).toFixed(2)}: impact ${impact}${mark('impact')} over effort ${effort}${mark('effort')}` });

    const unblockedBy = [...(baseline.newlyUnblocked.get(f.path) ?? [])].sort();
    let unlocks = 0;
    if (unblockedBy.length) {
      unlocks += WEIGHTS.newlyUnblocked;
      parts.push({ value: WEIGHTS.newlyUnblocked, order: 1, text: `unblocked by ${unblockedBy.join(', ')} completion` });
    }
    if (f.downstream > 0) {
      const v = Math.min(WEIGHTS.downstream, f.downstream * 2);
      unlocks += v;
      parts.push({ value: v, order: 2, text: `unblocks ${plural(f.downstream, 'downstream plan')}` });
    }

    let momentumScore = 0;
    const m = f.parent ? momentum.get(f.parent) : undefined;
    if (m && m.completed + m.inProgress > 0) {
      momentumScore = WEIGHTS.momentum;
      const state = [m.completed ? `${m.completed}/${m.total} child plans completed` : '', m.inProgress ? `${m.inProgress} in progress` : '']
        .filter(Boolean)
        .join(', ');
      parts.push({ value: momentumScore, order: 3, text: `advances roadmap ${f.parent}, already in progress (${state})` });
    }

    let featureScore = 0;
    if (f.features.length) {
      const levels = f.features.map((x) => featureMaturity(x.status));
      featureScore = (levels.reduce((a, b) => a + b, 0) / levels.length) * WEIGHTS.featureStatus;
      const near = f.features
        .map((x) => ({ x, level: featureMaturity(x.status) }))
        .filter((y) => y.level > 0)
        .sort((a, b) => b.level - a.level || (a.x.path < b.x.path ? -1 : 1));
      if (near.length)
        parts.push({ value: featureScore, order: 4, text: `features closer to Stable: ${near.map((y) => `${y.x.path} (${y.x.status})`).join(', ')}` });
    }

    const score = round2(roiScore + unlocks + momentumScore + featureScore);
    const reasons = parts
      .sort((a, b) => b.value - a.value || a.order - b.order)
      .map((p) => p.text)
      .concat(inferredNotes);
    scored.push({
      plan: f.path,
      rank: 0,
      need: e.need,
      effort,
      impact,
      inferred,
      score,
      reasons,
      signals: { roi: round2(roiScore), unlocks: round2(unlocks), momentum: round2(momentumScore), featureStatus: round2(featureScore) },
      unblockedBy,
    });
  }
  scored.sort((a, b) => b.score - a.score || (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0));
  scored.forEach((r, i) => (r.rank = i + 1));
  excluded.sort((a, b) => (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0));
  return { ranked: scored, excluded };
}
