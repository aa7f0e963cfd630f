import { act, ProblemError, RepoError } from '../model/errors.js';
import { APPROVALS_FILE, type ApprovalRecord, type Approvals, type RecordedApprovals } from '../model/approvals.js';
import { ApprovalRecordSchema, ApprovalsFileSchema } from '../model/approvals-schema.js';
import type { FileChange } from '../model/file-change.js';
import type { FrozenSnapshot } from './freeze.js';
import { planPathOfFile } from '../model/plan-files.js';

const DAMAGED_HINT = 'restore it from version control, or delete it to forget the recorded fingerprints';

function damaged(where: string, what: string): RepoError {
  return new RepoError(`${APPROVALS_FILE}: ${where}: ${what}`, DAMAGED_HINT);
}

/** Parse the approvals file; a damaged file is a RepoError naming what is wrong. Pure. */
export function parseApprovals(text: string): Approvals {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RepoError(`${APPROVALS_FILE} is not valid JSON (${(e as Error).message})`, DAMAGED_HINT);
  }
  const top = ApprovalsFileSchema.safeParse(data);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    throw damaged(issue.path.join('.') || '(top level)', issue.message);
  }
  const plans = new Map<string, ApprovalRecord>();
  // JSON.parse makes every key an own property, `__proto__` and `constructor` included.
  for (const [plan, value] of Object.entries(top.data.plans)) {
    if (planPathOfFile(`spec/plans/${plan}/README.md`) !== plan || plan.split('/').some((s) => s === '.' || s === '..')) {
      throw damaged(`plans.${plan}`, 'not a plan path; expected a folder below spec/plans/ such as "user-auth" or "roadmap/child"');
    }
    const rec = ApprovalRecordSchema.safeParse(value);
    if (!rec.success) {
      const issue = rec.error.issues[0]!;
      throw damaged(['plans', plan, ...issue.path].join('.'), issue.message);
    }
    plans.set(plan, rec.data);
  }
  return { version: 1, plans };
}

/** The approvals recorded in a file's text; null (no file) means none are recorded. Pure. */
export function recordedApprovals(text: string | null): RecordedApprovals {
  return { approvals: text === null ? { version: 1, plans: new Map() } : parseApprovals(text), text };
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
