import type { WorkItem } from '../model/execution.js';
import { isRoadmap } from '../model/plan.js';
import { itemsByPlan, planProgress } from './progress.js';
import type { SpecRepo } from '../model/repository.js';

/** A roadmap's status as shown: the plan statuses plus `in_progress` from execution. */
export type DerivedStatus = 'draft' | 'in_review' | 'approved' | 'in_progress' | 'superseded';

/** What derivation needs to know about one child plan. */
export interface ChildState {
  status: string | null;
  /** Not completed, with some item in progress or done (CONTRACTS "Execution status"). */
  inProgress: boolean;
  completed: boolean;
}

export interface Derivation {
  status: string;
  /** False when the roadmap's own Status field was used (superseded, or no active children). */
  derived: boolean;
  /** Why, in a few words: shown by `specplan status`. */
  reason: string;
}

/**
 * A roadmap's status per the seed's derivation table. `superseded` only when the roadmap's own
 * Status says so; superseded children are ignored (they have been replaced); then: any child with
 * work in progress (or some but not all children completed) → `in_progress`; any child `draft`
 * (or with a status outside the lifecycle) → `draft`; all children `approved` → `approved`; all
 * `in_review` or `approved` → `in_review`. Without active children the roadmap's own Status
 * stands. Pure.
 */
export function deriveRoadmapStatus(own: string | null, children: readonly ChildState[]): Derivation {
  if (own === 'superseded') return { status: 'superseded', derived: false, reason: 'set explicitly' };
  const active = children.filter((c) => c.status !== 'superseded');
  if (active.length === 0) return { status: own ?? 'draft', derived: false, reason: 'no active child plans' };
  const completed = active.filter((c) => c.completed).length;
  if (active.some((c) => c.inProgress) || (completed > 0 && completed < active.length)) {
    return { status: 'in_progress', derived: true, reason: 'a child plan has work in progress' };
  }
  const statuses = active.map((c) => c.status ?? 'draft');
  if (statuses.some((s) => s !== 'in_review' && s !== 'approved')) return { status: 'draft', derived: true, reason: 'a child plan is draft' };
  if (statuses.every((s) => s === 'approved')) return { status: 'approved', derived: true, reason: 'all child plans are approved' };
  return { status: 'in_review', derived: true, reason: 'all child plans are in review or approved' };
}

/**
 * For every plan of the repository, its status as the index and `specplan status` show it:
 * derived for roadmaps (plans with child plans or a Child Plans table), the Status field otherwise.
 */
export function derivedStatuses(repo: SpecRepo, items: readonly WorkItem[]): Map<string, Derivation> {
  const byPlan = itemsByPlan(items);
  const out = new Map<string, Derivation>();
  for (const entry of repo.plans.values()) {
    const plan = entry.parsed.plan;
    const own = plan.header.status;
    if (!isRoadmap(plan) && entry.children.length === 0) {
      out.set(entry.path, { status: own ?? '', derived: false, reason: 'Status field' });
      continue;
    }
    const children = entry.children
      .map((c) => repo.plans.get(c))
      .filter((c) => c !== undefined)
      .map((c): ChildState => {
        const p = planProgress(c.parsed.plan, byPlan.get(c.path) ?? []);
        return { status: c.parsed.plan.header.status, inProgress: p.inProgress, completed: p.completed };
      });
    out.set(entry.path, deriveRoadmapStatus(own, children));
  }
  return out;
}

/** A `(planPath) => status` function for `computeIndexChanges`' `derivedStatus` option. */
export function derivedStatusResolver(repo: SpecRepo, items: readonly WorkItem[]): (planPath: string) => string {
  const all = derivedStatuses(repo, items);
  return (planPath) => all.get(planPath)?.status ?? repo.plans.get(planPath)?.parsed.plan.header.status ?? '';
}
