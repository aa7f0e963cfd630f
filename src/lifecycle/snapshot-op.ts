import { isIsoDate } from '../model/common.js';
import { act, ProblemError, UsageError, type Hint } from '../model/errors.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import { checkSpecPath } from '../model/paths.js';
import type { Snapshot } from '../model/plan-format.js';
import type { PlanEntry } from '../model/repository.js';
import { editSpecscorePlan } from '../edit/specscore-plan-status.js';
import { writtenStatus } from './specscore-transitions.js';

/** The commit a snapshot names: HEAD's abbreviated hash and the plan document as HEAD has it. */
export interface HeadCommit {
  hash: string;
  /** The plan file at HEAD; null when HEAD does not have it. */
  planAtHead: string | null;
}

/** A snapshot to record by hand. */
export interface SnapshotRequest {
  plan: string;
  /** `checkpoint` (default), `completed` or a word of the team's own. */
  action?: string;
  comment?: string;
  /** YYYY-MM-DD (default: today). */
  date?: string;
}

/** What a snapshot recorded. */
export interface SnapshotResult {
  plan: string;
  file: string;
  snapshot: Omit<Snapshot, 'line'>;
  notes: string[];
}

/** A one-line option value, trimmed; undefined stays undefined. */
export function oneLineOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/[\r\n]/.test(v)) throw new UsageError(`the ${name} contains a line break`, ['pass ', act({ do: 'option', name }), ' on one line']);
  return v;
}

/**
 * The snapshot row of `entry` at `head`, dated `date` (checked) or today: refused when there is
 * no commit to name; a note when HEAD does not hold the plan's content as it is now.
 */
export function snapshotAt(
  ctx: OperationContext,
  entry: PlanEntry,
  head: HeadCommit | null,
  row: { action: string; comment: string; date: string | undefined },
  doing: string,
  retry: Hint,
  notes: string[],
): Omit<Snapshot, 'line'> {
  if (!head)
    throw new ProblemError(
      `cannot ${doing}: the plan specification records a snapshot with the git commit it refers to, and this repository has no commit yet (or is not a git repository); nothing was written`,
      ['commit the plan with git first, then ', ...retry],
    );
  const date = (row.date ?? ctx.today).trim();
  if (!isIsoDate(date))
    throw new UsageError(`the date "${row.date}" is not a date`, [
      'use YYYY-MM-DD, e.g. 2026-03-15, or leave out ',
      act({ do: 'option', name: 'date' }),
      ' for today',
    ]);
  if (head.planAtHead !== entry.text)
    notes.push(
      `${entry.file} has changes that commit ${head.hash} does not hold; the snapshot names ${head.hash}: commit the plan and record a checkpoint snapshot to name its current content`,
    );
  return { date, hash: head.hash, action: row.action, comment: row.comment };
}

/**
 * `specplan snapshot`: one row added to the `## Snapshots` table of a plan of the current
 * SpecScore format, at the HEAD commit, its status unchanged. Approval is recorded by approving;
 * the seed format has no snapshots (its approval freezes the plan).
 */
export function planSnapshot(ctx: OperationContext, req: SnapshotRequest, head: HeadCommit | null): PlannedOperation<SnapshotResult> & { format: 'specscore' } {
  const path = checkSpecPath('plan', req.plan);
  const entry = ctx.repo.plans.get(path);
  if (!entry) throw new UsageError(`plan ${path} does not exist`, ['list the plans with ', act({ do: 'status' })]);
  if (!entry.parsed.specscore)
    throw new ProblemError(
      `plan ${path} is in the seed plan format, which has no snapshots (approval freezes the plan instead); nothing was written`,
      'snapshots belong to plans of the current SpecScore format',
    );
  const action = (oneLineOption('action', req.action) ?? 'checkpoint').toLowerCase();
  if (!/^[a-z][a-z0-9_-]*$/.test(action))
    throw new UsageError(`the snapshot action "${req.action}" is not a word`, [
      'use checkpoint, completed or a word of your own (letters, digits, - and _) with ',
      act({ do: 'option', name: 'action' }),
    ]);
  const status = entry.parsed.plan.header.status ?? '';
  if (action === 'approved' && status !== 'approved')
    throw new ProblemError(`plan ${path} is ${writtenStatus(status) || 'without a status'}: an approved snapshot goes with the approval itself`, [
      'approve the plan, which records it: ',
      act({ do: 'transition', transition: 'approve', plan: path }),
    ]);
  const notes: string[] = [];
  const comment = oneLineOption('comment', req.comment) || '—';
  const snapshot = snapshotAt(ctx, entry, head, { action, comment, date: req.date }, `record a snapshot of plan ${path}`, ['record the snapshot again'], notes);
  const content = editSpecscorePlan(entry.text, { snapshot });
  return {
    changes: [{ file: entry.file, content, before: entry.text }],
    result: { plan: path, file: entry.file, snapshot, notes },
    sync: false,
    format: 'specscore',
  };
}
