import type { z } from 'zod';
import type { ApprovalRecordSchema } from './approvals-schema.js';

/** Where approvals are recorded, relative to the root. */
export const APPROVALS_FILE = '.specscore/approvals.json';

/** One approval: who, when, and the content fingerprint at that moment. */
export type ApprovalRecord = z.infer<typeof ApprovalRecordSchema>;

/** The recorded approvals, by plan path (`user-auth`, `roadmap/child`). */
export interface Approvals {
  version: 1;
  plans: Map<string, ApprovalRecord>;
}

/** The approvals file as read: the parsed approvals and the text they came from (null: no file). */
export interface RecordedApprovals {
  approvals: Approvals;
  text: string | null;
}
