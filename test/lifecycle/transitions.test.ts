import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/model/errors.js';
import { allowedFrom, checkTransition, TRANSITION_ACTIONS } from '../../src/lifecycle/transitions.js';

// The seed's diagram: draft -submit-> in_review -approve-> approved; in_review -revise-> draft;
// and (CONTRACTS) any -> superseded, except a plan that is superseded already.
const ALLOWED: Record<string, string> = {
  'draft submit': 'in_review',
  'draft supersede': 'superseded',
  'in_review revise': 'draft',
  'in_review approve': 'approved',
  'in_review supersede': 'superseded',
  'approved supersede': 'superseded',
};

describe('checkTransition', () => {
  for (const status of ['draft', 'in_review', 'approved', 'superseded', 'completed', null]) {
    for (const action of TRANSITION_ACTIONS) {
      const key = `${status} ${action}`;
      it(`${key} → ${ALLOWED[key] ?? 'rejected'}`, () => {
        if (ALLOWED[key]) {
          expect(checkTransition('billing/invoice', status, action)).toBe(ALLOWED[key]);
          return;
        }
        let error: unknown;
        try {
          checkTransition('billing/invoice', status, action);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ProblemError);
        const e = error as ProblemError;
        expect(e.kind).toBe('problem');
        expect(e.message).toContain(`cannot ${action} plan billing/invoice: its status is ${status ?? '(no status)'}`);
        const allowed = Object.keys(ALLOWED).filter((k) => k.startsWith(`${status} `));
        if (allowed.length) for (const k of allowed) expect(e.message).toContain(`${k.split(' ')[1]} (${status} → ${ALLOWED[k]})`);
        else expect(e.message).toContain(`no transition is allowed from ${status ?? '(no status)'}`);
        expect(e.hint).toBeTruthy();
      });
    }
  }

  it('lists allowed transitions in a fixed order', () => {
    expect(allowedFrom('in_review')).toEqual(['revise (in_review → draft)', 'approve (in_review → approved)', 'supersede (in_review → superseded)']);
    expect(allowedFrom('superseded')).toEqual([]);
  });
});
