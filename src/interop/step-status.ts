import { planProgress } from '../analysis/progress.js';
import type { StepState } from '../model/plan-state.js';
import type { WorkItem, WorkItemStatus } from '../model/execution.js';
import type { Plan } from '../model/plan.js';

/** Execution state of one step or sub-step, from the ledger and `Plan-Step:` trailers. */
export interface StepStatus {
  state: StepState;
  /** Ids of the work items that cover the step (its own, its parent's, the whole plan's), sorted. */
  items: string[];
  /** Latest `updated` date of those items. */
  updated: string | null;
}

function stateOf(statuses: readonly WorkItemStatus[]): StepState {
  if (statuses.length && statuses.every((s) => s === 'done' || s === 'cancelled') && statuses.includes('done')) return 'done';
  if (statuses.includes('blocked')) return 'blocked';
  if (statuses.includes('in_progress') || statuses.includes('done')) return 'in_progress';
  return 'todo';
}

/**
 * The state of every step and sub-step of a plan by number (CONTRACTS.md "Execution status"):
 * level-1 steps exactly as `planProgress` derives them; a sub-step from its own items plus its
 * parent's and the whole plan's. Pure.
 */
export function stepStatuses(plan: Plan, planItems: readonly WorkItem[]): Map<string, StepStatus> {
  const out = new Map<string, StepStatus>();
  const progress = planProgress(plan, planItems);
  const whole = planItems.filter((i) => i.step === null);
  const latest = (xs: readonly WorkItem[]) =>
    xs
      .map((i) => i.updated)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1) ?? null;
  (plan.steps ?? []).forEach((s, k) => {
    const p = progress.steps[k]!;
    out.set(s.number, { state: p.state, items: [...new Set(p.items)].sort(), updated: p.updated });
    for (const sub of s.subSteps) {
      const items = planItems.filter((i) => i.step === sub.number || i.step === s.number).concat(whole);
      out.set(sub.number, { state: stateOf(items.map((i) => i.status)), items: [...new Set(items.map((i) => i.id))].sort(), updated: latest(items) });
    }
  });
  return out;
}
