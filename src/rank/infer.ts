import { EFFORTS, type Effort, type Impact } from '../model/plan.js';
import type { PlanFacts } from './types.js';
import { featureMaturity } from './signals.js';

/** An inferred value with the evidence behind it. */
export interface Inferred<T> {
  value: T;
  evidence: string;
}

function bump(effort: Effort, by: number): Effort {
  return EFFORTS[Math.min(EFFORTS.length - 1, EFFORTS.indexOf(effort) + by)]!;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Effort from the plan's shape, on the seed's scale (S: 1–3 steps, M: 3–6, L: 5–10, XL: more,
 * several child plans or deep dependencies). Sub-steps count half; a dependency chain of five or
 * more steps, or more than 15 acceptance criteria, moves it one size up. Pure and deterministic.
 */
export function inferEffort(f: Pick<PlanFacts, 'roadmap' | 'children' | 'steps' | 'subSteps' | 'depth' | 'criteria'>): Inferred<Effort> {
  if (f.roadmap) {
    const value: Effort = f.children.length >= 2 ? 'XL' : 'L';
    return { value, evidence: `roadmap with ${plural(f.children.length, 'child plan')}` };
  }
  if (f.steps === 0) return { value: 'M', evidence: 'no steps yet; assumed medium' };
  const size = f.steps + f.subSteps / 2;
  let value: Effort = size <= 3 ? 'S' : size <= 6 ? 'M' : size <= 10 ? 'L' : 'XL';
  if (f.depth >= 5 || f.criteria > 15) value = bump(value, 1);
  const parts = [plural(f.steps, 'step')];
  if (f.subSteps) parts.push(plural(f.subSteps, 'sub-step'));
  parts.push(`dependency depth ${f.depth}`, plural(f.criteria, 'acceptance criterion').replace(/criterions$/, 'criteria'));
  return { value, evidence: parts.join(', ') };
}

/**
 * Impact from downstream dependents and the features touched: three or more plans waiting on it
 * is critical, one or two is high; touching three or more features, or a feature already Beta or
 * Stable (users depend on it), is at least medium; otherwise low when it touches no feature.
 */
export function inferImpact(f: Pick<PlanFacts, 'downstream' | 'features'>): Inferred<Impact> {
  const mature = f.features.filter((x) => featureMaturity(x.status) >= 0.85);
  if (f.downstream >= 3) return { value: 'critical', evidence: `${plural(f.downstream, 'plan')} wait for it` };
  if (f.downstream >= 1) return { value: 'high', evidence: `${plural(f.downstream, 'plan')} wait${f.downstream === 1 ? 's' : ''} for it` };
  if (f.features.length >= 3) return { value: 'high', evidence: `touches ${plural(f.features.length, 'feature')}` };
  if (mature.length) return { value: 'medium', evidence: `touches ${mature.map((x) => x.path).join(', ')} (${mature[0]!.status})` };
  if (f.features.length) return { value: 'medium', evidence: `touches ${plural(f.features.length, 'feature')}, none waiting on it` };
  return { value: 'low', evidence: 'no feature or plan depends on it' };
}
