import { CLOSED_STATUSES } from '../model/plan-format.js';
import type { Ineligibility, PlanFacts, PlanNeed } from './types.js';

type Eligibility = { eligible: true; need: PlanNeed } | { eligible: false; why: Ineligibility };

/**
 * Whether a plan may be recommended, and for what. Never: completed, superseded, closed or blocked plans,
 * plans whose document has lint errors (they need rework first)
 * (a blocked plan waits for a predecessor in its roadmap); plans already in progress are listed
 * under In Progress instead; a roadmap with child plans is represented by its children. Drafts
 * need review, plans in review need approval, approved plans are ready to start, and a roadmap
 * without child plans needs decomposing.
 */
export function eligibility(f: PlanFacts): Eligibility {
  if (f.status === 'superseded') return { eligible: false, why: 'superseded' };
  if (f.progress.completed) return { eligible: false, why: 'completed' };
  // The current format's execution and disposition statuses.
  if (f.status !== null && CLOSED_STATUSES.has(f.status)) return { eligible: false, why: 'closed' };
  if (f.status === 'executing') return { eligible: false, why: 'in_progress' };
  if (f.status === 'blocked') return { eligible: false, why: 'blocked' };
  if (f.status !== 'draft' && f.status !== 'in_review' && f.status !== 'approved') return { eligible: false, why: 'invalid_status' };
  if (f.blockedBy.length) return { eligible: false, why: 'blocked' };
  if (f.roadmap && f.children.length) return { eligible: false, why: 'roadmap' };
  // Work under way is listed as such; a plan that could start but fails lint needs rework first.
  if (f.progress.inProgress) return { eligible: false, why: 'in_progress' };
  if (f.lintErrors > 0) return { eligible: false, why: 'needs_rework' };
  if (f.roadmap) return { eligible: true, need: 'decomposition' };
  return { eligible: true, need: f.status === 'draft' ? 'review' : f.status === 'in_review' ? 'approval' : 'start' };
}

/** The entry's wording of what the plan needs next. */
export const NEED_TEXT: Record<PlanNeed, string> = {
  review: 'Needs review (draft)',
  approval: 'Needs approval (in review)',
  start: 'Ready to start (approved)',
  decomposition: 'Needs child plans (roadmap not yet decomposed)',
};
