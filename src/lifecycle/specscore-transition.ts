import { isDash, scalar } from '../markdown/blocks.js';
import { act, ProblemError, UsageError } from '../model/errors.js';
import type { FileChange } from '../model/file-change.js';
import { checkSpecPath } from '../model/paths.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import type { Snapshot } from '../model/plan-format.js';
import type { PlanEntry } from '../model/repository.js';
import { editSpecscorePlan, type SpecscorePlanEdit } from '../edit/specscore-plan-status.js';
import { specscoreIndexRowChange, type IndexRowEdit } from '../edit/specscore-index-row.js';
import { requireLintClean } from '../lint/gate.js';
import { textField } from './new-plan.js';
import { checkSpecscoreTransition, DISPOSITIONS, writtenStatus } from './specscore-transitions.js';
import { oneLineOption, snapshotAt, type HeadCommit } from './snapshot-op.js';
import type { TransitionRequest, TransitionResult } from './transition-op.js';

function header(entry: PlanEntry, name: string): string | null {
  const f = entry.parsed.plan.header.extra.find((x) => x.name.toLowerCase() === name);
  return f ? f.value.trim() : null;
}

// The snapshot an approval records, at HEAD.
function approvalSnapshot(ctx: OperationContext, entry: PlanEntry, req: TransitionRequest, head: HeadCommit | null, notes: string[]): Omit<Snapshot, 'line'> {
  const approver = req.approver === undefined ? undefined : textField('approver', req.approver);
  const comment = oneLineOption('comment', req.comment) || (approver ? `Approved by ${approver}` : 'Approved');
  const retry = ['approve it again: ', act({ do: 'transition', transition: 'approve', plan: entry.path })];
  return snapshotAt(ctx, entry, head, { action: 'approved', comment, date: req.date }, `approve plan ${entry.path}`, retry, notes);
}

// The successor's Supersedes field, set to the superseded plan when it says none.
function successorChange(
  ctx: OperationContext,
  entry: PlanEntry,
  by: string | undefined,
  notes: string[],
): { successor: PlanEntry; change: FileChange | null } {
  if (!by)
    throw new UsageError(`superseding plan ${entry.path} needs the plan that replaces it`, [
      'name it: ',
      act({ do: 'transition', transition: 'supersede', plan: entry.path }),
    ]);
  const path = checkSpecPath('plan', by);
  const successor = ctx.repo.plans.get(path);
  if (!successor) throw new UsageError(`successor plan ${path} does not exist`, ['list the plans with ', act({ do: 'status' })]);
  if (successor.path === entry.path) throw new ProblemError(`plan ${entry.path} cannot supersede itself`, 'name the new plan that replaces it');
  const status = successor.parsed.plan.header.status ?? '';
  if (DISPOSITIONS.has(status))
    throw new ProblemError(`successor plan ${successor.path} is itself ${writtenStatus(status)}`, 'name the current plan that replaces it');
  const facts = successor.parsed.specscore;
  if (!facts) {
    notes.push(`successor ${successor.path} is in the seed plan format, which has no **Supersedes:** field; it was not changed`);
    return { successor, change: null };
  }
  const current = facts.supersedes === null ? '' : scalar(facts.supersedes);
  if (current === entry.path) return { successor, change: null };
  if (current !== '' && !isDash(current))
    throw new ProblemError(
      `cannot supersede plan ${entry.path} by ${successor.path}: ${successor.path} already supersedes ${current}, and a plan names one plan it supersedes; nothing was written`,
      `set **Supersedes:** of ${successor.file} by hand, or name another successor`,
    );
  const content = editSpecscorePlan(successor.text, { fields: [{ name: 'Supersedes', value: entry.path }] });
  return { successor, change: { file: successor.file, content, before: successor.text } };
}

/**
 * A status transition of a plan in the current SpecScore format, as its specification has it:
 * the `**Status:**` line and the front matter `status:` copy; on approval a snapshot row at
 * `head` (no freeze: the plan stays editable); on supersession `**Superseded By:**` on the plan
 * and `**Supersedes:**` on its successor; and the plan's row of the plans index (Status,
 * Approved, Recently Closed). Rejected transitions throw before anything is computed.
 */
export function planSpecscoreTransition(
  ctx: OperationContext,
  entry: PlanEntry,
  req: TransitionRequest,
  head: HeadCommit | null,
): PlannedOperation<TransitionResult> & { format: 'specscore' } {
  const from = entry.parsed.plan.header.status;
  if (from === null)
    throw new ProblemError(
      `cannot ${req.action} plan ${entry.path}: ${entry.file}:${entry.parsed.positions.get('title')?.line ?? 1} has no **Status:** field`,
      'expected "**Status:** Draft" (or In Review, Approved, …) in the header right after the "# Plan:" title',
    );
  const to = checkSpecscoreTransition(entry.path, from, req.action);
  const notes: string[] = [];
  const result: TransitionResult = { plan: entry.path, file: entry.file, from: writtenStatus(from), to: writtenStatus(to), notes };
  const edit: SpecscorePlanEdit = { status: writtenStatus(to) };
  const row: IndexRowEdit = { status: to };
  const changes: FileChange[] = [];
  if (req.action === 'approve') {
    const snapshot = approvalSnapshot(ctx, entry, req, head, notes);
    edit.snapshot = snapshot;
    row.approved = snapshot.date;
    result.approved = snapshot.date;
    result.snapshot = snapshot;
    if (req.approver !== undefined) result.approver = req.approver.trim();
    if (from === 'draft') notes.push(`${entry.path} was approved directly from Draft (the specification's fast track, without review)`);
  }
  if (req.action === 'supersede') {
    const { successor, change } = successorChange(ctx, entry, req.by, notes);
    edit.fields = [{ name: 'Superseded By', value: successor.path }];
    result.supersededBy = successor.path;
    if (change) changes.push(change);
  }
  if (DISPOSITIONS.has(to)) row.closedOn = ctx.today;
  changes.push({ file: entry.file, content: editSpecscorePlan(entry.text, edit), before: entry.text });
  if (ctx.repo.format?.format === 'specscore') {
    const index = specscoreIndexRowChange(ctx.repo, entry, row);
    changes.push(...index.changes);
    notes.push(...index.notes);
  } else notes.push(`the plans index is in the seed format; its row of ${entry.path} was not changed`);
  const coordination = header(entry, 'coordination');
  if (coordination) notes.push(`${entry.path} declares **Coordination:** ${coordination}: its status changes are authoritative only on that branch`);
  const gate = req.action === 'submit' || req.action === 'approve';
  return {
    changes,
    result,
    sync: false,
    format: 'specscore',
    check: gate ? (next) => requireLintClean(next, entry.file, `${req.action} plan ${entry.path}`) : undefined,
  };
}
