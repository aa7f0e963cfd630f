import { z } from 'zod';

const PartSchema = z.object({ name: z.string().describe('Part of the section: a header field, a step'), hash: z.string().describe('sha256 of its text') });
const SectionSchema = z.object({
  key: z.string().describe('Stable section key: title, header, section:steps, …'),
  name: z.string().describe('Section name as users call it'),
  hash: z.string().describe('sha256 of the section text'),
  parts: z.array(PartSchema).describe('Hashes of the parts of the section'),
});

/** One approval: who, when, and the content fingerprint at that moment. */
export const ApprovalRecordSchema = z.object({
  approver: z.string().describe('Approver as written in the plan'),
  approved: z.string().describe('Approval date YYYY-MM-DD'),
  fingerprint: z.string().describe('sha256 of the plan content, lifecycle fields normalized'),
  sections: z.array(SectionSchema).describe('Per-section hashes, to name what changed'),
});

/** The top level of the approvals file; each plan entry is checked on its own. */
export const ApprovalsFileSchema = z.object({
  version: z.literal(1).describe('Format version'),
  // A record type would turn plan paths into object keys: entries are checked one by one.
  plans: z
    .custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'expected an object of plan path → approval' })
    .describe('Approval by plan path'),
});
