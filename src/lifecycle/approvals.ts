import { z } from 'zod';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { ProblemError, RepoError } from '../model/errors.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import type { FileChange } from '../model/file-change.js';
import type { FrozenSnapshot } from './freeze.js';
import { planPathOfFile } from '../model/plan-files.js';

/** Where approvals are recorded, relative to the root. */
export const APPROVALS_FILE = '.specscore/approvals.json';

const PartSchema = z.object({ name: z.string(), hash: z.string() });
const SectionSchema = z.object({ key: z.string(), name: z.string(), hash: z.string(), parts: z.array(PartSchema) });

/** One approval: who, when, and the content fingerprint at that moment. */
export const ApprovalRecordSchema = z.object({
  approver: z.string().describe('Approver as written in the plan'),
  approved: z.string().describe('Approval date YYYY-MM-DD'),
  fingerprint: z.string().describe('sha256 of the plan content, lifecycle fields normalized'),
  sections: z.array(SectionSchema).describe('Per-section hashes, to name what changed'),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecordSchema>;

const ApprovalsFileSchema = z.object({
  version: z.literal(1),
  // Checked entry by entry below: a record type would turn plan paths into object keys.
  plans: z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'expected an object of plan path → approval' }),
});

/** The recorded approvals, by plan path (`user-auth`, `roadmap/child`). */
export interface Approvals {
  version: 1;
  plans: Map<string, ApprovalRecord>;
}

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

/**
 * Read the approvals file; missing means no approvals recorded. A damaged file is an error, and
 * so is one that cannot be read (permission, not a regular file, a link out of the root).
 */
export function readApprovals(root: string): { approvals: Approvals; text: string | null } {
  const read = readIfPresent(root, APPROVALS_FILE, READ_LIMITS.approvals);
  if (read === null) return { approvals: { version: 1, plans: new Map() }, text: null };
  if (!read.ok) throw refusalError(APPROVALS_FILE, read.refusal, 'or restore it from version control');
  const text = read.bytes.toString('utf8');
  return { approvals: parseApprovals(text), text };
}

/** Serialize with sorted plan keys: the same approvals give the same bytes. */
export function serializeApprovals(a: Approvals): string {
  const plans: Record<string, ApprovalRecord> = Object.create(null);
  for (const k of [...a.plans.keys()].sort()) plans[k] = a.plans.get(k)!;
  return `${JSON.stringify({ version: 1, plans }, null, 2)}\n`;
}

/**
 * The change that records the approval of `plan`. A plan already recorded with other content
 * is refused: its approval stands, and its content is frozen.
 */
export function recordApprovalChange(root: string, plan: string, record: { approver: string; approved: string; snapshot: FrozenSnapshot }): FileChange {
  const { approvals, text } = readApprovals(root);
  const earlier = approvals.plans.get(plan);
  if (earlier && earlier.fingerprint !== record.snapshot.fingerprint) {
    throw new ProblemError(
      `plan ${plan} was approved on ${earlier.approved} with other content (approver ${earlier.approver}, recorded in ${APPROVALS_FILE}), so it cannot be approved again`,
      `an approved plan is frozen: restore the content it was approved with, or write a new plan and supersede this one (specplan supersede ${plan} --by NEW)`,
    );
  }
  approvals.plans.set(plan, { approver: record.approver, approved: record.approved, fingerprint: record.snapshot.fingerprint, sections: record.snapshot.sections });
  return { file: APPROVALS_FILE, content: serializeApprovals(approvals), before: text };
}
