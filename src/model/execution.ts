import { z } from 'zod';

export const WORK_ITEM_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export const WorkItemStatusSchema = z.enum(WORK_ITEM_STATUSES);
export type WorkItemStatus = z.infer<typeof WorkItemStatusSchema>;

/** A work item from the ledger `.specscore/work-items.yaml` or a `Plan-Step:` git trailer. */
export const WorkItemSchema = z.object({
  id: z.string().describe('Work item id in the execution system, e.g. ACME-101'),
  plan: z.string().describe('Plan path below spec/plans/'),
  step: z.string().nullable().describe('Step number ("2", "2.1"); null covers the whole plan'),
  status: WorkItemStatusSchema,
  updated: z.string().nullable().describe('Date of the last change YYYY-MM-DD'),
  source: z.enum(['ledger', 'trailer']).describe('Where the item came from'),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

/** The ledger file as written by users (CONTRACTS.md). */
export const LedgerFileSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        plan: z.string(),
        step: z.union([z.string(), z.number()]).transform(String).optional().nullable(),
        status: WorkItemStatusSchema,
        updated: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).optional().nullable(),
      }).loose(),
    )
    .default([]),
}).loose();
