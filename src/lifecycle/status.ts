import type { WorkItem } from '../model/execution.js';
import { isRoadmap } from '../model/plan.js';
import { planPredecessors } from '../graph/plans.js';
import { itemsByPlan, planProgress, type StepProgress } from '../graph/progress.js';
import type { SpecRepo } from '../repo/types.js';
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
    plans: string[];
  };
  steps: StepProgress[];
}

/**
 * Status views for the whole repository (or `only` and its children), sorted by plan path.
 * Progress is `done/total` level-1 steps; a roadmap rolls up its children's steps, is completed
 * when all its active children are, and lists their blockers. Pure.
 */
export function statusViews(repo: SpecRepo, items: readonly WorkItem[], only?: string): PlanStatusView[] {
  const byPlan = itemsByPlan(items);
  const derived = derivedStatuses(repo, items);
  const progress = new Map([...repo.plans.values()].map((p) => [p.path, planProgress(p.parsed.plan, byPlan.get(p.path) ?? [])]));
  const preds = planPredecessors([...repo.plans.values()].map((p) => ({ path: p.path, parent: p.parent, plan: p.parsed.plan })));
  const views = new Map<string, PlanStatusView>();
  const leaf = (path: string): PlanStatusView => {
    const e = repo.plans.get(path)!;
    const p = progress.get(path)!;
    const d = derived.get(path)!;
    const unfinished = (preds.get(path) ?? []).filter((q) => !progress.get(q)?.completed && repo.plans.get(q)?.parsed.plan.header.status !== 'superseded');
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
      blockers: { items: [...p.blockedItems].sort(), plans: unfinished.sort() },
      steps: p.steps,
    };
  };
  for (const path of [...repo.plans.keys()].sort()) views.set(path, leaf(path));
  for (const v of views.values()) {
    if (!v.roadmap || v.children.length === 0) continue;
    const kids = v.children.map((c) => views.get(c)!).filter((k) => k && k.declaredStatus !== 'superseded');
    const done = kids.reduce((n, k) => n + k.progress.done, 0) + v.progress.done;
    const total = kids.reduce((n, k) => n + k.progress.total, 0) + v.progress.total;
    v.progress = { done, total, text: `${done}/${total} steps` };
    v.childPlans = { completed: kids.filter((k) => k.completed).length, total: kids.length };
    v.completed = kids.length > 0 && kids.every((k) => k.completed);
    v.completedOn = v.completed ? (kids.map((k) => k.completedOn).filter((x): x is string => !!x).sort().at(-1) ?? null) : null;
    v.inProgress = !v.completed && kids.some((k) => k.inProgress || k.completed);
    v.blockers = {
      items: [...new Set([...v.blockers.items, ...kids.flatMap((k) => k.blockers.items)])].sort(),
      plans: v.blockers.plans,
    };
  }
  const all = [...views.values()];
  if (!only) return all;
  return all.filter((v) => v.plan === only || v.parent === only);
}
