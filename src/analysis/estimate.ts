import { planDependencies } from './plan-graph.js';
import { reachCounts } from './reach.js';
import { buildStepGraph, forwardChains, type StepGraph } from './step-graph.js';
import { EFFORTS, IMPACTS, type Effort, type Impact, type Plan } from '../model/plan.js';
import { planFeatures } from './plan-features.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';

/** What the rule-based estimate looked at. */
interface PlanMetrics {
  steps: number;
  subSteps: number;
  /** Longest chain of steps, in order (empty when the steps form a cycle). */
  criticalPath: string[];
  /** Most steps any one step waits for, directly or through others. */
  dependencyDepth: number;
  acceptanceCriteria: number;
  childPlans: number;
  features: string[];
  /** Plans that wait for this one (roadmap order), transitively. */
  downstream: number;
  cyclic: boolean;
}

export interface Estimate {
  effort: Effort;
  impact: Impact;
  evidence: { effort: string[]; impact: string[] };
  metrics: PlanMetrics;
}

/** The seed's effort scale as step ranges (XL: many steps or child plans). */
const EFFORT_STEP_RANGE: Record<Effort, [number, number]> = { S: [1, 3], M: [3, 6], L: [5, 10], XL: [8, Number.POSITIVE_INFINITY] };

const MATURE = ['stable', 'implemented', 'beta', 'released', 'done', 'deprecated'];

function bump<T extends string>(scale: readonly T[], value: T, by = 1): T {
  return scale[Math.min(scale.length - 1, Math.max(0, scale.indexOf(value) + by))]!;
}

/**
 * Most level-1 steps any one step waits for, directly or through others: one pass over the
 * step graph (see `reachCounts`), 0 when the steps form a cycle.
 */
export function dependencyDepth(graph: StepGraph): number {
  if (graph.cycles.length) return 0;
  const preds = new Map<string, string[]>(graph.nodes.map((n) => [n.number, []]));
  for (const e of graph.edges) preds.get(e.to)?.push(e.from);
  const levelOne = new Set(graph.nodes.filter((n) => n.parent === null && !n.number.includes('.')).map((n) => n.number));
  let depth = 0;
  for (const k of reachCounts(
    [...preds.keys()],
    (n) => preds.get(n)!,
    (n) => levelOne.has(n),
  ).values())
    depth = Math.max(depth, k);
  return depth;
}

/** Options of `planMetrics` / `estimatePlan`. */
interface EstimateOptions {
  /** Plans waiting for this one, when the caller has already counted them for every plan. */
  downstream?: number;
}

/** Measure a plan. Pure over the loaded repository; linear in its steps and the plans. */
function planMetrics(repo: SpecRepo, entry: PlanEntry, opts: EstimateOptions = {}): PlanMetrics {
  const plan = entry.parsed.plan;
  const chains = stepChains(plan);
  const downstream =
    opts.downstream ??
    planDependencies([...repo.plans.values()].map((p) => ({ path: p.path, parent: p.parent, plan: p.parsed.plan }))).downstream.get(entry.path) ??
    0;
  const steps = plan.steps ?? [];
  return {
    steps: steps.length,
    subSteps: steps.reduce((n, s) => n + s.subSteps.length, 0),
    criticalPath: chains.criticalPath,
    dependencyDepth: chains.dependencyDepth,
    acceptanceCriteria:
      (plan.acceptanceCriteria?.length ?? 0) +
      steps.reduce((n, s) => n + s.acceptanceCriteria.length + s.subSteps.reduce((k, x) => k + x.acceptanceCriteria.length, 0), 0),
    childPlans: plan.childPlans?.length ?? 0,
    features: planFeatures(entry),
    downstream,
    cyclic: chains.cyclic,
  };
}

/** The critical path, dependency depth and cyclicity of a plan's steps; the graph is built only when its steps do not finish in order. */
function stepChains(plan: Plan): Pick<PlanMetrics, 'criticalPath' | 'dependencyDepth' | 'cyclic'> {
  const forward = forwardChains(plan);
  if (forward) return { criticalPath: forward.criticalPath, dependencyDepth: forward.deepest, cyclic: false };
  const graph = buildStepGraph(plan);
  return { criticalPath: graph.criticalPath, dependencyDepth: dependencyDepth(graph), cyclic: graph.cycles.length > 0 };
}

/** A chain of steps for evidence: the first and last few when it is long. */
function chain(path: readonly string[]): string {
  return path.length <= 12 ? path.join(' → ') : `${path.slice(0, 8).join(' → ')} → … → ${path.slice(-3).join(' → ')}`;
}

function effortFromSteps(units: number): Effort {
  return units <= 3 ? 'S' : units <= 6 ? 'M' : units <= 10 ? 'L' : 'XL';
}

/**
 * The rule-based estimate, always computed, with its evidence. Effort from step count (sub-steps
 * count half), dependency depth, critical path, acceptance criteria and child plans; impact from
 * downstream plans, the features' status (new capability vs. existing) and breadth. Pure.
 */
export function estimatePlan(repo: SpecRepo, entry: PlanEntry, opts: EstimateOptions = {}): Estimate {
  const m = planMetrics(repo, entry, opts);
  const ev = { effort: [] as string[], impact: [] as string[] };
  let effort: Effort;
  if (m.childPlans > 0) {
    effort = m.childPlans >= 2 ? 'XL' : 'L';
    ev.effort.push(
      `roadmap with ${m.childPlans} child plan${m.childPlans === 1 ? '' : 's'} → ${effort}${m.childPlans >= 2 ? ' (XL: multiple child plans)' : ''}`,
    );
  } else {
    const units = m.steps + Math.ceil(m.subSteps / 2);
    effort = effortFromSteps(units);
    const [lo, hi] = EFFORT_STEP_RANGE[effort];
    ev.effort.push(
      `${m.steps} step${m.steps === 1 ? '' : 's'}${m.subSteps ? ` and ${m.subSteps} sub-step${m.subSteps === 1 ? '' : 's'} (counted as ${units})` : ''} → ${effort} (${effort} means ${Number.isFinite(hi) ? `${lo}-${hi}` : `${lo}+`} steps)`,
    );
    const reasons: string[] = [];
    if (m.criticalPath.length >= 6) reasons.push(`critical path of ${m.criticalPath.length} steps (deep dependencies)`);
    if (m.steps > 0 && m.acceptanceCriteria / m.steps >= 4)
      reasons.push(`${m.acceptanceCriteria} acceptance criteria for ${m.steps} steps (heavy verification)`);
    if (m.features.length >= 3) reasons.push(`${m.features.length} features touched (cross-cutting)`);
    if (reasons.length && effort !== 'XL') {
      effort = bump(EFFORTS, effort);
      ev.effort.push(`${reasons.join('; ')} → one size up: ${effort}`);
    }
  }
  if (m.cyclic) ev.effort.push('the steps form a dependency cycle, so dependencies were not measured');
  else if (m.criticalPath.length) {
    const path = `critical path ${m.criticalPath.length} step${m.criticalPath.length === 1 ? '' : 's'} (${chain(m.criticalPath)})`;
    const depth = m.dependencyDepth;
    ev.effort.push(
      depth === 0
        ? `${path}; no step waits for another level-1 step${m.criticalPath.length > 1 ? ' (the chain runs through sub-steps)' : ''}`
        : `${path}; the deepest step waits for ${depth} other level-1 step${depth === 1 ? '' : 's'}`,
    );
  }
  ev.effort.push(`${m.acceptanceCriteria} acceptance criteria`);

  let score = 0;
  if (m.downstream > 0) {
    score += Math.min(4, 2 * m.downstream);
    ev.impact.push(`${m.downstream} plan${m.downstream === 1 ? ' waits' : 's wait'} for this one (+${Math.min(4, 2 * m.downstream)})`);
  } else ev.impact.push('no plan waits for this one');
  if (m.childPlans > 0) {
    score += 1;
    ev.impact.push('a roadmap: its impact is the aggregate of its children (+1)');
  }
  const statuses = m.features.map((f) => ({ f, status: repo.features.get(f)?.parsed.feature.status ?? null }));
  const fresh = statuses.filter((s) => s.status !== null && !MATURE.includes(s.status.toLowerCase()));
  if (fresh.length) {
    score += 1;
    ev.impact.push(`new capability: ${fresh.map((s) => `${s.f} is ${s.status}`).join(', ')} (+1)`);
  } else if (statuses.some((s) => s.status))
    ev.impact.push(
      `improves an existing capability: ${statuses
        .filter((s) => s.status)
        .map((s) => `${s.f} is ${s.status}`)
        .join(', ')}`,
    );
  if (m.features.length >= 2) {
    score += 1;
    ev.impact.push(`${m.features.length} features touched (+1)`);
  }
  const subFeatures = m.features.reduce((n, f) => n + (repo.features.get(f)?.children.length ?? 0), 0);
  if (subFeatures >= 2) {
    score += 1;
    ev.impact.push(`core feature area with ${subFeatures} sub-features (+1)`);
  }
  const impact: Impact = score >= 5 ? 'critical' : score >= 3 ? 'high' : score >= 1 ? 'medium' : 'low';
  ev.impact.push(`score ${score} → ${impact} (0 low, 1-2 medium, 3-4 high, 5+ critical)`);
  return { effort, impact, evidence: ev, metrics: m };
}

/**
 * Declared values that contradict the plan (an `S` plan with 12 steps, a `low` impact plan that
 * others wait for), or that are two or more sizes away from the estimate. The estimate's own
 * effort is never a contradiction: the seed's scale lets deep dependencies and cross-cutting
 * work size a plan past its step range (XL: "many steps … or deep dependencies").
 */
export function inconsistencies(declared: { effort: string | null; impact: string | null }, est: Estimate): string[] {
  const out: string[] = [];
  const m = est.metrics;
  const e = declared.effort as Effort | null;
  if (e && (EFFORTS as readonly string[]).includes(e)) {
    const [lo, hi] = EFFORT_STEP_RANGE[e];
    const units = m.steps + Math.ceil(m.subSteps / 2);
    if (m.childPlans >= 2 && e !== 'XL' && e !== 'L') out.push(`Effort ${e} but the roadmap has ${m.childPlans} child plans (XL: multiple child plans)`);
    else if (e === est.effort) {
      // The estimate's own size: the step range, or one size up for the reasons its evidence names.
    } else if (m.childPlans === 0 && units > 0 && (units < lo || units > hi))
      out.push(
        `Effort ${e} but the plan has ${m.steps} step${m.steps === 1 ? '' : 's'}${m.subSteps ? ` and ${m.subSteps} sub-steps` : ''} (${e} means ${Number.isFinite(hi) ? `${lo}-${hi}` : `${lo}+`} steps${units < lo ? '; one size more only for deep dependencies, heavy verification or 3+ features' : ''})`,
      );
    else if (Math.abs(EFFORTS.indexOf(e) - EFFORTS.indexOf(est.effort)) >= 2) out.push(`Effort ${e} is two or more sizes from the estimate ${est.effort}`);
  } else if (declared.effort) out.push(`Effort "${declared.effort}" is not one of ${EFFORTS.join(', ')}`);
  const i = declared.impact as Impact | null;
  if (i && (IMPACTS as readonly string[]).includes(i)) {
    if (i === 'low' && m.downstream > 0) out.push(`Impact low but ${m.downstream} plan${m.downstream === 1 ? ' waits' : 's wait'} for this one`);
    else if (Math.abs(IMPACTS.indexOf(i) - IMPACTS.indexOf(est.impact)) >= 2) out.push(`Impact ${i} is two or more levels from the estimate ${est.impact}`);
  } else if (declared.impact) out.push(`Impact "${declared.impact}" is not one of ${IMPACTS.join(', ')}`);
  return out;
}
