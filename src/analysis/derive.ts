/** What derivation needs to know about one child plan. */
export interface ChildState {
  status: string | null;
  /** Not completed, with some item in progress or done (CONTRACTS "Execution status"). */
  inProgress: boolean;
  completed: boolean;
}

interface Derivation {
  status: string;
  /** False when the roadmap's own Status field was used (superseded, or no active children). */
  derived: boolean;
  /** Why, in a few words, true of the children it was derived from: shown by `specplan status`. */
  reason: string;
}

function childPlans(n: number): string {
  return `${n} child plan${n === 1 ? '' : 's'}`;
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
  if (active.some((c) => c.inProgress)) return { status: 'in_progress', derived: true, reason: 'a child plan has work in progress' };
  if (completed > 0 && completed < active.length) {
    return {
      status: 'in_progress',
      derived: true,
      reason: `${completed} of ${childPlans(active.length)} completed, ${active.length - completed === 1 ? 'the other' : 'the others'} not started`,
    };
  }
  const statuses = active.map((c) => c.status);
  if (statuses.includes('draft')) return { status: 'draft', derived: true, reason: 'a child plan is draft' };
  if (statuses.some((s) => s !== 'in_review' && s !== 'approved')) return { status: 'draft', derived: true, reason: 'a child plan has no lifecycle status' };
  if (statuses.every((s) => s === 'approved')) return { status: 'approved', derived: true, reason: 'all child plans are approved' };
  return { status: 'in_review', derived: true, reason: 'all child plans are in review or approved' };
}
