import { z } from 'zod';
import { RepoError } from '../repo/errors.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import type { FileChange } from '../repo/write.js';
import type { FrozenSnapshot } from './freeze.js';

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
  plans: z.record(z.string(), ApprovalRecordSchema),
});
export type Approvals = z.infer<typeof ApprovalsFileSchema>;

/**
 * Read the approvals file; missing means no approvals recorded. A damaged file is an error, and
 * so is one that is not a regular file inside the root of at most 16 MB.
 */
export function readApprovals(root: string): { approvals: Approvals; text: string | null } {
  const read = readIfPresent(root, APPROVALS_FILE, READ_LIMITS.approvals);
  if (read === null) return { approvals: { version: 1, plans: {} }, text: null };
  if (!read.ok) throw refusalError(APPROVALS_FILE, read.refusal, 'or restore it from version control');
  const text = read.bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RepoError(`${APPROVALS_FILE} is not valid JSON (${(e as Error).message})`, 'restore it from version control, or delete it to forget the recorded fingerprints');
  }
  const parsed = ApprovalsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RepoError(`${APPROVALS_FILE}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, 'restore it from version control, or delete it to forget the recorded fingerprints');
  }
  return { approvals: parsed.data, text };
}

/** Serialize with sorted plan keys: the same approvals give the same bytes. */
export function serializeApprovals(a: Approvals): string {
  const plans: Record<string, ApprovalRecord> = {};
  for (const k of Object.keys(a.plans).sort()) plans[k] = a.plans[k]!;
  return `${JSON.stringify({ version: 1, plans }, null, 2)}\n`;
}

/** The change that records (or replaces) the approval of `plan`. */
export function recordApprovalChange(root: string, plan: string, record: { approver: string; approved: string; snapshot: FrozenSnapshot }): FileChange {
  const { approvals, text } = readApprovals(root);
  approvals.plans[plan] = { approver: record.approver, approved: record.approved, fingerprint: record.snapshot.fingerprint, sections: record.snapshot.sections };
  return { file: APPROVALS_FILE, content: serializeApprovals(approvals), before: text };
}
