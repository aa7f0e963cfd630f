import type { WorkItem } from '../model/execution.js';
import { isRoadmap } from '../model/plan.js';
import { planDependencies } from './plan-graph.js';
import { itemsByPlan, planProgress, type StepProgress } from './progress.js';
import type { SpecRepo } from '../model/repository.js';
import { derivedStatuses } from './derive.js';

/** What `specplan status` shows for one plan. */
export interface PlanStatusView {
  plan: string;
  title: string;
  file: string;
  /** Status as shown: derived for roadmaps, the Status field otherwise. */
  status: string;
  /** The Status field as written. */
  declaredStatus: string | null;
  derived: boolean;
  reason: string;
  roadmap: boolean;
  parent: string | null;
  children: string[];
  /** Roadmaps: active (not superseded) child plans and how many are completed. */
  childPlans: { completed: number; total: number } | null;
  progress: { done: number; total: number; text: string };
  completed: boolean;
  completedOn: string | null;
  inProgress: boolean;
  approved: string | null;
  blockers: {
    /** Work items with status `blocked`. */
    items: string[];
    /** Predecessor plans (CONTRACTS "Roadmaps") not completed yet. */
    plans: readonly string[];
  };
  steps: StepProgress[];
}

/**
 * Status views for the whole repository (or `only` and its children), sorted by plan path.
 * Progress is `done/total` level-1 steps; a roadmap rolls up its children's steps, is completed
 * when all its active children are, and lists their blockers. Linear in the plans, items and
 * predecessor lists (which children of one roadmap Order share). Pure.
 */
export function statusViews(repo: SpecRepo, items: readonly WorkItem[], only?: string): PlanStatusView[] {
  const byPlan = itemsByPlan(items);
  const derived = derivedStatuses(repo, items);
  const progress = new Map([...repo.plans.values()].map((p) => [p.path, planProgress(p.parsed.plan, byPlan.get(p.path) ?? [])]));
  const deps = planDependencies([...repo.plans.values()].map((p) => ({ path: p.path, parent: p.parent, plan: p.parsed.plan })));
  // Unfinished predecessors, computed once per roadmap layer (children of one Order share the list).
  const waiting = deps.waitingOn((q) => !progress.get(q)?.completed && repo.plans.get(q)?.parsed.plan.header.status !== 'superseded');
  const views = new Map<string, PlanStatusView>();
  const leaf = (path: string): PlanStatusView => {
    const e = repo.plans.get(path)!;
    const p = progress.get(path)!;
    const d = derived.get(path)!;
    return {
      plan: path,
      title: e.parsed.plan.title,
      file: e.file,
      status: d.status,
      declaredStatus: e.parsed.plan.header.status,
      derived: d.derived,
      reason: d.reason,
      roadmap: isRoadmap(e.parsed.plan) || e.children.length > 0,
      parent: e.parent,
      children: [...e.children].sort(),
      childPlans: null,
      progress: { done: p.done, total: p.total, text: `${p.done}/${p.total} steps` },
      completed: p.completed,
      completedOn: p.completedOn,
      inProgress: p.inProgress,
      approved: e.parsed.plan.header.approved,
      blockers: { items: [...p.blockedItems].sort(), plans: waiting.get(path) ?? [] },
      steps: p.steps,
    };
  };
  for (const path of [...repo.plans.keys()].sort()) views.set(path, leaf(path));
  for (const v of views.values()) {
    if (!v.roadmap || v.children.length === 0) continue;
    // One pass over the roadmap's children.
    let done = v.progress.done;
    let total = v.progress.total;
    let live = 0;
    let completed = 0;
    let started = false;
    let last: string | null = null;
    const items = new Set(v.blockers.items);
    for (const c of v.children) {
      const k = views.get(c);
      if (!k || k.declaredStatus === 'superseded') continue;
      live++;
      done += k.progress.done;
      total += k.progress.total;
      if (k.completed) completed++;
      started ||= k.inProgress || k.completed;
      if (k.completedOn && (last === null || k.completedOn > last)) last = k.completedOn;
      for (const b of k.blockers.items) items.add(b);
    }
    v.progress = { done, total, text: `${done}/${total} steps` };
    v.childPlans = { completed, total: live };
    v.completed = live > 0 && completed === live;
    v.completedOn = v.completed ? last : null;
    v.inProgress = !v.completed && started;
    v.blockers = { items: [...items].sort(), plans: v.blockers.plans };
  }
  const all = [...views.values()];
  if (!only) return all;
  return all.filter((v) => v.plan === only || v.parent === only);
}
