import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ProblemError, type TransitionName } from '../../src/model/errors.js';
import type { OperationContext } from '../../src/model/operation.js';
import { SPECSCORE_PLAN_STATUSES } from '../../src/model/plan-format.js';
import { checkSpecscoreTransition, specscoreAllowedFrom } from '../../src/lifecycle/specscore-transitions.js';
import { checkTransition } from '../../src/lifecycle/transitions.js';
import { planSpecscoreTransition } from '../../src/lifecycle/specscore-transition.js';
import { guardFrozen } from '../../src/lifecycle/guard.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { withChanges } from '../../src/parse/with-changes.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');

// The plan specification's "Status transitions", written out: action → from → to.
const ALLOWED: Record<string, string> = {
  'submit draft': 'in_review',
  'approve draft': 'approved',
  'approve in_review': 'approved',
  'revise in_review': 'draft',
  'reject in_review': 'rejected',
  ...Object.fromEntries(
    ['approved', 'executing', 'blocked', 'implemented', 'failed'].flatMap((s) => [
      [`withdraw ${s}`, 'withdrawn'],
      [`supersede ${s}`, 'superseded'],
      [`deprecate ${s}`, 'deprecated'],
    ]),
  ),
};
const ACTIONS: TransitionName[] = ['submit', 'approve', 'revise', 'reject', 'withdraw', 'supersede', 'deprecate'];

function refusal(f: () => unknown): ProblemError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the lifecycle of the current SpecScore format', () => {
  test('every pair of status and action: the allowed ones give the target, the others are refused with the allowed list', () => {
    for (const status of SPECSCORE_PLAN_STATUSES.keys())
      for (const action of ACTIONS) {
        const want = ALLOWED[`${action} ${status}`];
        if (want) expect(checkSpecscoreTransition('p', status, action)).toBe(want);
        else {
          const e = refusal(() => checkSpecscoreTransition('p', status, action));
          const allowed = specscoreAllowedFrom(status);
          expect(e.message).toContain(`cannot ${action} plan p: its status is ${SPECSCORE_PLAN_STATUSES.get(status)}`);
          expect(e.message).toContain(
            allowed.length ? `allowed from ${SPECSCORE_PLAN_STATUSES.get(status)}: ${allowed.join(', ')}` : 'no transition is allowed',
          );
        }
      }
  });

  test('the allowed list is in the format’s own words; dispositions are final', () => {
    expect(specscoreAllowedFrom('in_review')).toEqual(['approve (In Review → Approved)', 'revise (In Review → Draft)', 'reject (In Review → Rejected)']);
    expect(specscoreAllowedFrom('implemented')).toEqual([
      'withdraw (Implemented → Withdrawn)',
      'supersede (Implemented → Superseded)',
      'deprecate (Implemented → Deprecated)',
    ]);
    for (const s of ['rejected', 'withdrawn', 'superseded', 'deprecated']) expect(specscoreAllowedFrom(s)).toEqual([]);
    expect(refusal(() => checkSpecscoreTransition('p', 'withdrawn', 'approve')).hint?.join('')).toMatch(/no resurrection/);
  });

  test('the seed format refuses reject, withdraw and deprecate, naming its format', () => {
    for (const action of ['reject', 'withdraw', 'deprecate'] as const) {
      const e = refusal(() => checkTransition('user-auth', 'in_review', action));
      expect(e.message).toBe(
        `cannot ${action} plan user-auth: the seed plan format (statuses draft, in_review, approved, superseded) has no ${action} transition; allowed from in_review: revise (in_review → draft), approve (in_review → approved), supersede (in_review → superseded)`,
      );
    }
  });
});

describe('planning a transition of a current-format plan', () => {
  const repo = loadRepo(FIXTURE);
  const ctx: OperationContext = {
    root: FIXTURE,
    repo,
    items: [],
    ledgerFindings: [],
    today: '2026-04-02',
    approvals: () => ({ approvals: { plans: new Map() } }) as never,
  };
  const plan = (p: string) => repo.plans.get(p)!;
  const head = (p: string) => ({ hash: 'abc1234', planAtHead: plan(p).text });

  test('approve records a snapshot row at HEAD and no approval record (no freeze)', () => {
    const op = planSpecscoreTransition(ctx, plan('in-review'), { plan: 'in-review', action: 'approve', approver: '@jordan' }, head('in-review'));
    expect(op.result).toMatchObject({
      from: 'In Review',
      to: 'Approved',
      approved: '2026-04-02',
      snapshot: { hash: 'abc1234', action: 'approved', comment: 'Approved by @jordan' },
    });
    expect(op.changes.map((c) => c.file).sort()).toEqual(['spec/plans/README.md', 'spec/plans/in-review.md']);
    expect(op).toMatchObject({ format: 'specscore', sync: false });
  });

  test('approve with no commit to name is refused', () => {
    const e = refusal(() => planSpecscoreTransition(ctx, plan('in-review'), { plan: 'in-review', action: 'approve' }, null));
    expect(e.message).toMatch(
      /cannot approve plan in-review: the plan specification records a snapshot with the git commit it refers to, and this repository has no commit yet/,
    );
  });

  test('approve notes a plan whose content HEAD does not hold', () => {
    const op = planSpecscoreTransition(ctx, plan('draft'), { plan: 'draft', action: 'approve' }, { hash: 'abc1234', planAtHead: null });
    expect(op.result.notes.join('\n')).toMatch(/commit abc1234 does not hold/);
    expect(op.result.notes.join('\n')).toMatch(/approved directly from Draft/);
  });

  test('supersede sets Superseded By on the plan and Supersedes on its successor; a successor that supersedes another plan is refused', () => {
    const op = planSpecscoreTransition(ctx, plan('approved'), { plan: 'approved', action: 'supersede', by: 'draft' }, null);
    const byFile = new Map(op.changes.map((c) => [c.file, c.content]));
    expect(byFile.get('spec/plans/approved.md')).toContain('**Supersedes:** —\n**Superseded By:** draft\n');
    expect(byFile.get('spec/plans/draft.md')).toContain('**Supersedes:** approved\n');
    const successor = plan('draft');
    const other = { ...successor, parsed: { ...successor.parsed, specscore: { ...successor.parsed.specscore!, supersedes: 'old-plan' } } };
    const r2 = { ...repo, plans: new Map(repo.plans).set('draft', other) };
    const e = refusal(() => planSpecscoreTransition({ ...ctx, repo: r2 }, plan('approved'), { plan: 'approved', action: 'supersede', by: 'draft' }, null));
    expect(e.message).toMatch(/draft already supersedes old-plan/);
  });

  test('the repository as it will be reads a changed plan in its own format, single-file or folder (what the review gate lints)', () => {
    const op = planSpecscoreTransition(ctx, plan('roadmap/json-output'), { plan: 'roadmap/json-output', action: 'submit' }, null);
    const op2 = planSpecscoreTransition(ctx, plan('draft'), { plan: 'draft', action: 'submit' }, null);
    const next = withChanges(repo, [...op.changes, ...op2.changes]);
    for (const p of ['roadmap/json-output', 'draft']) {
      expect(next.plans.get(p)!.parsed.specscore?.writtenStatus).toBe('In Review');
      expect(next.plans.get(p)!.parsed.plan.header.status).toBe('in_review');
    }
  });

  test('the freeze guard leaves an approved plan of the current format editable, single-file or folder', () => {
    for (const e of [plan('approved'), plan('roadmap')]) {
      const edited = e.text.replace(/## Approach\n\n/, '## Approach\n\nEdited after approval. ');
      expect(edited).not.toBe(e.text);
      expect(() => guardFrozen(repo, [{ file: e.file, content: edited, before: e.text }], () => undefined)).not.toThrow();
      const withdrawn = e.text.replace(/Approved$/gm, 'Withdrawn');
      expect(() => guardFrozen(repo, [{ file: e.file, content: withdrawn, before: e.text }], () => undefined)).not.toThrow();
    }
  });
});
