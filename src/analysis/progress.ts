import type { WorkItem, WorkItemStatus } from '../model/execution.js';
import type { Plan } from '../model/plan.js';
import type { StepProgress, StepState } from '../model/plan-state.js';

export interface PlanProgress {
  /** Level-1 steps done. */
  done: number;
  /** Level-1 steps. */
  total: number;
  completed: boolean;
  /** Latest `updated` over the plan's items when completed. */
  completedOn: string | null;
  inProgress: boolean;
  /** Items with status `blocked`. */
  blockedItems: string[];
  steps: StepProgress[];
}

/** The latest of some dates (the greatest string), null when none is given. */
function latest(dates: ReadonlyArray<string | null>): string | null {
  let out: string | null = null;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (d && (out === null || d > out)) out = d;
  }
  return out;
}

function stateOf(statuses: WorkItemStatus[], trailer = false): StepState {
  // A `Plan-Step:` trailer completes its step with no other bookkeeping (CONTRACTS.md), even
  // when a ledger item for that step was not updated.
  if (trailer) return 'done';
  if (statuses.length && statuses.every((s) => s === 'done' || s === 'cancelled') && statuses.includes('done')) return 'done';
  if (statuses.includes('blocked')) return 'blocked';
  if (statuses.includes('in_progress') || statuses.includes('done')) return 'in_progress';
  return 'todo';
}

/**
 * Progress of one plan from its execution items (CONTRACTS.md): a step is done when its items
 * are all done/cancelled with at least one done; a step with sub-steps when they all are; an
 * item without a step covers the whole plan. Items are grouped by step once. Pure.
 */
export function planProgress(plan: Plan, planItems: readonly WorkItem[]): PlanProgress {
  if (planItems.length === 0) {
    const steps = (plan.steps ?? []).map((s): StepProgress => ({ number: s.number, title: s.title, state: 'todo', updated: null, items: [] }));
    return { done: 0, total: steps.length, completed: false, completedOn: null, inProgress: false, blockedItems: [], steps };
  }
  const wholePlan = planItems.filter((i) => i.step === null);
  const byStep = new Map<string, WorkItem[]>();
  for (let k = 0; k < planItems.length; k++) {
    const i = planItems[k]!;
    if (i.step !== null) (byStep.get(i.step) ?? byStep.set(i.step, []).get(i.step)!).push(i);
  }
  const forStep = (n: string): readonly WorkItem[] => byStep.get(n) ?? [];
  const steps: StepProgress[] = [];
  let done = 0;
  const planSteps = plan.steps ?? [];
  for (let k = 0; k < planSteps.length; k++) {
    const s = planSteps[k]!;
    let state: StepState;
    let items = [...forStep(s.number), ...wholePlan];
    if (s.subSteps.length) {
      const subs = s.subSteps.map((sub) => ({ n: sub.number, items: [...forStep(sub.number), ...forStep(s.number), ...wholePlan] }));
      const subStates = subs.map((x) =>
        stateOf(
          x.items.map((i) => i.status),
          hasTrailer(x.items),
        ),
      );
      items = [...new Set(subs.flatMap((x) => x.items))];
      state = subStates.every((x) => x === 'done')
        ? 'done'
        : subStates.includes('blocked')
          ? 'blocked'
          : subStates.some((x) => x !== 'todo')
            ? 'in_progress'
            : 'todo';
    } else
      state = stateOf(
        items.map((i) => i.status),
        hasTrailer(forStep(s.number)),
      );
    if (state === 'done') done++;
    steps.push({ number: s.number, title: s.title, state, updated: latest(items.map((i) => i.updated)), items: items.map((i) => i.id) });
  }
  const total = steps.length;
  const completed = total > 0 ? done === total : wholePlan.length > 0 && stateOf(wholePlan.map((i) => i.status)) === 'done';
  const inProgress = !completed && planItems.some((i) => i.status === 'in_progress' || i.status === 'done');
  return {
    done,
    total,
    completed,
    completedOn: completed ? latest(planItems.map((i) => i.updated)) : null,
    inProgress,
    blockedItems: planItems.filter((i) => i.status === 'blocked').map((i) => i.id),
    steps,
  };
}

function hasTrailer(items: readonly WorkItem[]): boolean {
  return items.some((i) => i.source === 'trailer' && i.status === 'done');
}

/** Group items by plan path. */
export function itemsByPlan(items: readonly WorkItem[]): Map<string, WorkItem[]> {
  const m = new Map<string, WorkItem[]>();
  for (const i of items) (m.get(i.plan) ?? m.set(i.plan, []).get(i.plan)!).push(i);
  return m;
}
