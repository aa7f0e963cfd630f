import type { WorkItem } from '../model/execution.js';
import type { Plan } from '../model/plan.js';
import { buildStepGraph, compareStep } from './step-graph.js';
import { planProgress } from './progress.js';
import type { StepState } from '../model/plan-state.js';

/** A work item as the report lists it. */
export interface ReportItem {
  id: string;
  step: string | null;
  status: string;
  updated: string | null;
}

/** A planned step (or sub-step) and what execution did with it. */
interface StepOutcome {
  number: string;
  title: string;
  /** Parent step number for a sub-step. */
  parent: string | null;
  items: ReportItem[];
  /** done | cancelled (all items cancelled) | in_progress | blocked | todo | not started (no items). */
  outcome: StepState | 'cancelled' | 'not started';
  /** Latest `updated` of its done items, when done. */
  finished: string | null;
}

/** Planned dependency `step → dependsOn` that execution did not respect. */
interface OrderDeviation {
  step: string;
  dependsOn: string;
  finished: string | null;
  dependencyFinished: string | null;
}

/** The retrospective of one plan: planned vs actual (the seed's deviation report). */
export interface DeviationReport {
  plan: string;
  title: string;
  status: string | null;
  generated: string;
  created: string | null;
  approved: string | null;
  effort: string | null;
  completed: boolean;
  completedOn: string | null;
  progress: { done: number; total: number };
  steps: StepOutcome[];
  /** Items linked to no planned step number (execution added work). */
  added: ReportItem[];
  /** Items covering the whole plan (no step). */
  wholePlan: ReportItem[];
  /** Planned steps dropped: all items cancelled, or no items while the plan is completed. */
  removed: Array<{ number: string; title: string; reason: string }>;
  /** Planned steps carried out as several work items. */
  split: Array<{ number: string; title: string; items: string[] }>;
  /** Parallel layers of the planned step graph. */
  plannedLayers: string[][];
  /** Steps by the date they finished (unfinished ones left out). */
  actualOrder: Array<{ number: string; finished: string }>;
  orderDeviations: OrderDeviation[];
  criteria: Array<{ text: string; level: string; outcome: string }>;
  /** Days from the start (approval, else creation) to each finished step and to completion. */
  durations: {
    start: string | null;
    startKind: 'approved' | 'created' | null;
    totalDays: number | null;
    steps: Array<{ number: string; finished: string; days: number | null }>;
  };
}

const ITEM = (i: WorkItem): ReportItem => ({ id: i.id, step: i.step, status: i.status, updated: i.updated });
const byItem = (a: ReportItem, b: ReportItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function days(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const d = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Number.isFinite(d) ? d : null;
}

function latest(xs: Array<string | null>): string | null {
  return (
    xs
      .filter((x): x is string => !!x)
      .sort()
      .at(-1) ?? null
  );
}

/** What happened to one planned unit given its own items. */
function unitOutcome(items: readonly WorkItem[]): StepOutcome['outcome'] {
  if (!items.length) return 'not started';
  if (items.every((i) => i.status === 'cancelled')) return 'cancelled';
  if (items.every((i) => i.status === 'done' || i.status === 'cancelled')) return 'done';
  if (items.some((i) => i.status === 'blocked')) return 'blocked';
  if (items.some((i) => i.status === 'in_progress' || i.status === 'done')) return 'in_progress';
  return 'todo';
}

/**
 * Compare a plan with its work items: steps added, removed or split; the planned dependency
 * order against the order steps finished; acceptance criteria against step outcomes; durations
 * from approval. Pure; `today` is the report date.
 */
export function deviationReport(planPath: string, plan: Plan, items: readonly WorkItem[], today: string): DeviationReport {
  const mine = items.filter((i) => i.plan === planPath);
  const progress = planProgress(plan, mine);
  const numbers = new Set<string>();
  for (const s of plan.steps ?? []) {
    numbers.add(s.number);
    for (const sub of s.subSteps) numbers.add(sub.number);
  }
  const steps: StepOutcome[] = [];
  const split: DeviationReport['split'] = [];
  const removed: DeviationReport['removed'] = [];
  const own = (n: string) => mine.filter((i) => i.step === n);
  for (const s of plan.steps ?? []) {
    const units = [
      { number: s.number, title: s.title, parent: null as string | null },
      ...s.subSteps.map((x) => ({ number: x.number, title: x.title, parent: s.number })),
    ];
    for (const u of units) {
      const its = own(u.number);
      const container = u.parent === null && s.subSteps.length > 0;
      const direct = container ? [...its, ...s.subSteps.flatMap((x) => own(x.number))] : its;
      // Without items of its own, a unit is covered by its parent step's items, then by whole-plan items.
      const inherited = u.parent !== null && !direct.length ? own(u.parent) : [];
      const covering = direct.length ? direct : inherited.length ? inherited : mine.filter((i) => i.step === null);
      const outcome = unitOutcome(covering);
      const finished = outcome === 'done' ? latest(covering.filter((i) => i.status === 'done').map((i) => i.updated)) : null;
      steps.push({ number: u.number, title: u.title, parent: u.parent, items: its.map(ITEM).sort(byItem), outcome, finished });
      const live = its.filter((i) => i.status !== 'cancelled');
      if (live.length > 1) split.push({ number: u.number, title: u.title, items: live.map((i) => i.id).sort() });
      if (outcome === 'cancelled') removed.push({ number: u.number, title: u.title, reason: 'all its work items were cancelled' });
      else if (outcome === 'not started' && progress.completed)
        removed.push({ number: u.number, title: u.title, reason: 'no work item was linked to it, yet the plan completed' });
    }
  }
  const graph = buildStepGraph(plan);
  const finishedOf = new Map(steps.map((s) => [s.number, s.finished]));
  const orderDeviations: OrderDeviation[] = [];
  const parentOf = new Map(graph.nodes.map((n) => [n.number, n.parent]));
  for (const e of graph.edges) {
    if (e.implicit && parentOf.get(e.from) === e.to) continue; // a step waiting for its own sub-steps
    const a = finishedOf.get(e.to) ?? null;
    const b = finishedOf.get(e.from) ?? null;
    if (a && (!b || a < b)) orderDeviations.push({ step: e.to, dependsOn: e.from, finished: a, dependencyFinished: b });
  }
  orderDeviations.sort((x, y) => compareStep(x.step, y.step) || compareStep(x.dependsOn, y.dependsOn));
  const actualOrder = steps
    .filter((s): s is StepOutcome & { finished: string } => s.finished !== null)
    .map((s) => ({ number: s.number, finished: s.finished }))
    .sort((x, y) => (x.finished < y.finished ? -1 : x.finished > y.finished ? 1 : compareStep(x.number, y.number)));
  const criteria: DeviationReport['criteria'] = [];
  const planOutcome = progress.completed
    ? `plan completed ${progress.completedOn ?? ''}`.trim()
    : `plan not completed (${progress.done}/${progress.total} steps done)`;
  for (const c of plan.acceptanceCriteria ?? []) criteria.push({ text: c, level: 'plan', outcome: planOutcome });
  for (const s of plan.steps ?? []) {
    for (const u of [s, ...s.subSteps]) {
      const o = steps.find((x) => x.number === u.number)!;
      for (const c of u.acceptanceCriteria)
        criteria.push({ text: c, level: `step ${u.number}`, outcome: o.outcome === 'done' ? `step done ${o.finished ?? ''}`.trim() : `step ${o.outcome}` });
    }
  }
  const start = plan.header.approved ?? plan.header.created ?? null;
  const startKind = plan.header.approved ? 'approved' : plan.header.created ? 'created' : null;
  return {
    plan: planPath,
    title: plan.title,
    status: plan.header.status,
    generated: today,
    created: plan.header.created,
    approved: plan.header.approved,
    effort: plan.header.effort,
    completed: progress.completed,
    completedOn: progress.completedOn,
    progress: { done: progress.done, total: progress.total },
    steps,
    added: mine
      .filter((i) => i.step !== null && !numbers.has(i.step))
      .map(ITEM)
      .sort(byItem),
    wholePlan: mine
      .filter((i) => i.step === null)
      .map(ITEM)
      .sort(byItem),
    removed,
    split,
    plannedLayers: graph.layers,
    actualOrder,
    orderDeviations,
    criteria,
    durations: {
      start,
      startKind,
      totalDays: progress.completed ? days(start, progress.completedOn) : null,
      steps: actualOrder.map((s) => ({ number: s.number, finished: s.finished, days: days(start, s.finished) })),
    },
  };
}
