import type { WorkItem } from '../model/execution.js';
import type { PlanState, PlanStatusView } from '../model/plan-state.js';
import type { SpecRepo } from '../model/repository.js';
import { planStates } from './plan-state.js';

function view(s: PlanState): PlanStatusView {
  return {
    plan: s.plan,
    title: s.title,
    file: s.file,
    status: s.status ?? '',
    declaredStatus: s.declaredStatus,
    derived: s.derived,
    reason: s.reason,
    roadmap: s.roadmap,
    parent: s.parent,
    children: s.children,
    childPlans: s.childPlans,
    progress: { done: s.progress.done, total: s.progress.total, text: `${s.progress.done}/${s.progress.total} steps` },
    completed: s.completed,
    completedOn: s.completedOn,
    inProgress: s.inProgress,
    approved: s.approved,
    blockers: { items: s.blockers.items, plans: s.blockers.plans },
    steps: s.steps,
  };
}

/**
 * What `specplan status` shows: the plan states of the whole repository (or of `only` and its
 * children), sorted by plan path. Pure; linear in the plans and items.
 */
export function statusViews(repo: SpecRepo, items: readonly WorkItem[], only?: string): PlanStatusView[] {
  const out: PlanStatusView[] = [];
  for (const s of planStates(repo, items).plans.values()) if (!only || s.plan === only || s.parent === only) out.push(view(s));
  return out;
}
