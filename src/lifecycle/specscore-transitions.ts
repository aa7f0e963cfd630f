import { act, ProblemError, type Action, type Hint, type TransitionName } from '../model/errors.js';
import { SPECSCORE_PLAN_STATUSES } from '../model/plan-format.js';

/** The status-changing commands of the current SpecScore format, in the order they are listed. */
const SPECSCORE_ACTIONS = ['submit', 'approve', 'revise', 'reject', 'withdraw', 'supersede', 'deprecate'] as const satisfies readonly TransitionName[];

// The execution band: derived from the task statuses once a plan is approved, never set by hand.
const EXECUTION = ['executing', 'blocked', 'implemented', 'failed'];
/** The dispositions: final statuses a person records (no resurrection from them). */
export const DISPOSITIONS: ReadonlySet<string> = new Set(['rejected', 'withdrawn', 'superseded', 'deprecated']);
// Approved or later: where a disposition may be recorded.
const APPROVED_OR_LATER = ['approved', ...EXECUTION];

// The transitions of the plan specification ("Status transitions"): the prep band is
// human-authored (Draft → In Review or, fast-tracked, Approved; In Review → Draft, Approved or
// Rejected); an approved plan, or one in the execution band, may be withdrawn, superseded or
// deprecated. A disposition is final: there is no resurrection.
const TRANSITIONS: Readonly<Record<(typeof SPECSCORE_ACTIONS)[number], { from: readonly string[]; to: string }>> = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['draft', 'in_review'], to: 'approved' },
  revise: { from: ['in_review'], to: 'draft' },
  reject: { from: ['in_review'], to: 'rejected' },
  withdraw: { from: APPROVED_OR_LATER, to: 'withdrawn' },
  supersede: { from: APPROVED_OR_LATER, to: 'superseded' },
  deprecate: { from: APPROVED_OR_LATER, to: 'deprecated' },
};

/** A model status value as the current format writes it: `in_review` → `In Review`. */
export function writtenStatus(value: string): string {
  return SPECSCORE_PLAN_STATUSES.get(value) ?? value;
}

/** The transitions allowed from a status, as `action (From → To)` phrases in the format's own words. */
export function specscoreAllowedFrom(status: string): string[] {
  return SPECSCORE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status)).map(
    (a) => `${a} (${writtenStatus(status)} → ${writtenStatus(TRANSITIONS[a].to)})`,
  );
}

function allowedActions(plan: string, status: string): Action[] {
  return SPECSCORE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status)).map((transition) => act({ do: 'transition', transition, plan }));
}

/**
 * Check that `action` may run on a plan of the current format whose status (model value) is
 * `current`; returns the new status. Throws a ProblemError (exit 1) naming the plan, its status as
 * written and the transitions allowed from it.
 */
export function checkSpecscoreTransition(plan: string, current: string, action: TransitionName): string {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(current)) return rule.to;
  const shown = writtenStatus(current);
  const allowed = specscoreAllowedFrom(current);
  const options = allowed.length ? `allowed from ${shown}: ${allowed.join(', ')}` : `no transition is allowed from ${shown}`;
  const needs = rule.from.map(writtenStatus).join(', ');
  let hint: Hint;
  if (!SPECSCORE_PLAN_STATUSES.has(current)) hint = [`set **Status:** to one of ${[...SPECSCORE_PLAN_STATUSES.values()].join(', ')}`];
  else if (allowed.length === 0)
    hint = [`a ${shown} plan is final in the plan specification (no resurrection); to pursue the work again, write a new plan: `, act({ do: 'new' })];
  else hint = ['run one of: ', ...allowedActions(plan, current).flatMap((a, i) => (i ? [', ', a] : [a]))];
  if (rule.to === 'approved' && EXECUTION.includes(current))
    hint = [`${shown} is derived from the task statuses of an approved plan; it is already past approval. `, ...hint];
  throw new ProblemError(`cannot ${action} plan ${plan}: its status is ${shown}, and ${action} needs ${needs}; ${options}`, hint);
}
