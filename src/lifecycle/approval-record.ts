import { act, ProblemError } from '../model/errors.js';
import { APPROVALS_FILE, type ApprovalRecord, type Approvals, type RecordedApprovals } from '../model/approvals.js';
import type { FileChange } from '../model/file-change.js';
import type { FrozenSnapshot } from './freeze.js';

/** What a repository without an approvals file records: nothing. Reading the file is `recordedApprovals` (approvals.ts, with its schema). Pure. */
export function noRecordedApprovals(): RecordedApprovals {
  return { approvals: { version: 1, plans: new Map() }, text: null };
}

// Serialize with sorted plan keys: the same approvals give the same bytes.
function serializeApprovals(a: Approvals): string {
  const plans: Record<string, ApprovalRecord> = Object.create(null);
  for (const k of [...a.plans.keys()].sort()) plans[k] = a.plans.get(k)!;
  return `${JSON.stringify({ version: 1, plans }, null, 2)}\n`;
}

/**
 * The change that records the approval of `plan` in the approvals `recorded` so far. A plan
 * already recorded with other content is refused: its approval stands, and its content is frozen.
 */
export function recordApprovalChange(
  recorded: RecordedApprovals,
  plan: string,
  record: { approver: string; approved: string; snapshot: FrozenSnapshot },
): FileChange {
  const earlier = recorded.approvals.plans.get(plan);
  if (earlier && earlier.fingerprint !== record.snapshot.fingerprint) {
    throw new ProblemError(
      `plan ${plan} was approved on ${earlier.approved} with other content (approver ${earlier.approver}, recorded in ${APPROVALS_FILE}), so it cannot be approved again`,
      [
        'an approved plan is frozen: restore the content it was approved with, or write a new plan and supersede this one (',
        act({ do: 'transition', transition: 'supersede', plan }),
        ')',
      ],
    );
  }
  const plans = new Map(recorded.approvals.plans);
  plans.set(plan, { approver: record.approver, approved: record.approved, fingerprint: record.snapshot.fingerprint, sections: record.snapshot.sections });
  return { file: APPROVALS_FILE, content: serializeApprovals({ version: 1, plans }), before: recorded.text };
}
