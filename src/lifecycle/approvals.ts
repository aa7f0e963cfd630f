import { RepoError } from '../model/errors.js';
import { APPROVALS_FILE, type ApprovalRecord, type Approvals, type RecordedApprovals } from '../model/approvals.js';
import { ApprovalRecordSchema, ApprovalsFileSchema } from '../model/approvals-schema.js';
import { planPathOfFile } from '../model/plan-files.js';
import { noRecordedApprovals } from './approval-record.js';

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
  return text === null ? noRecordedApprovals() : { approvals: parseApprovals(text), text };
}
