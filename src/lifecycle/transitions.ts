import { act, ProblemError, type Action, type Hint, type TransitionName } from '../model/errors.js';

/** The status-changing commands of the seed format. */
export const TRANSITION_ACTIONS = ['submit', 'revise', 'approve', 'supersede'] as const satisfies readonly TransitionName[];
export type TransitionAction = TransitionName;
type SeedAction = (typeof TRANSITION_ACTIONS)[number];

// The status transitions the seed allows: draft →submit→ in_review; in_review →revise→ draft;
// in_review →approve→ approved; any status other than superseded →supersede→ superseded.
const TRANSITIONS: Readonly<Record<SeedAction, { from: readonly string[]; to: string }>> = {
  submit: { from: ['draft'], to: 'in_review' },
  revise: { from: ['in_review'], to: 'draft' },
  approve: { from: ['in_review'], to: 'approved' },
  supersede: { from: ['draft', 'in_review', 'approved'], to: 'superseded' },
};

/** The transitions allowed from a status, as `action (from → to)` phrases, in a fixed order. */
export function allowedFrom(status: string): string[] {
  return TRANSITION_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status)).map((a) => `${a} (${status} → ${TRANSITIONS[a].to})`);
}

// The transitions allowed from a status, as actions on the plan.
function allowedActions(plan: string, status: string): Action[] {
  return TRANSITION_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status)).map((transition) => act({ do: 'transition', transition, plan }));
}

/**
 * Check that `action` may run on a plan whose status is `current`; returns the new status.
 * Throws a ProblemError (exit 1) naming the plan, its current status and the allowed transitions.
 */
export function checkTransition(plan: string, current: string | null, action: TransitionAction): string {
  if (!(TRANSITION_ACTIONS as readonly string[]).includes(action)) {
    const allowed = current === null ? [] : allowedFrom(current);
    throw new ProblemError(
      `cannot ${action} plan ${plan}: the seed plan format (statuses draft, in_review, approved, superseded) has no ${action} transition; ${allowed.length ? `allowed from ${current}: ${allowed.join(', ')}` : `no transition is allowed from ${current ?? '(no status)'}`}`,
      [
        'reject, withdraw and deprecate belong to the current SpecScore plan format; in this format a plan that is not pursued is superseded by its replacement: ',
        act({ do: 'transition', transition: 'supersede', plan }),
      ],
    );
  }
  const rule = TRANSITIONS[action as SeedAction];
  if (current !== null && rule.from.includes(current)) return rule.to;
  const shown = current ?? '(no status)';
  const allowed = current === null ? [] : allowedFrom(current);
  const options = allowed.length ? `allowed from ${shown}: ${allowed.join(', ')}` : `no transition is allowed from ${shown}`;
  const hint: Hint =
    current === 'approved'
      ? ['an approved plan is frozen; to change its approach create a new plan and run ', act({ do: 'transition', transition: 'supersede', plan })]
      : current === 'superseded'
        ? ['a superseded plan is a historical record; work on its successor instead']
        : current === null || !(['draft', 'in_review'] as string[]).includes(current)
          ? ['set **Status:** to one of draft, in_review, approved, superseded']
          : ['run one of: ', ...allowedActions(plan, current).flatMap((a, i) => (i ? [', ', a] : [a]))];
  throw new ProblemError(`cannot ${action} plan ${plan}: its status is ${shown}, and ${action} needs ${rule.from.join(' or ')}; ${options}`, hint);
}
