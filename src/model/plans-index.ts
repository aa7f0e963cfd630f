import { z } from 'zod';
import { LinkSchema } from './common-schema.js';

/** A row of `spec/plans/README.md`. */
const IndexRowSchema = z.object({
  depth: z.number().int().min(0).max(1).describe('0 for top-level plans, 1 for children (&ensp; indent)'),
  plan: LinkSchema,
  status: z.string(),
  progress: z.string().nullable().describe('Progress cell; null when the table has no Progress column'),
  features: z.string(),
  effort: z.string(),
  impact: z.string(),
  author: z.string(),
  approved: z.string(),
  line: z.number().int().min(1),
});
export type IndexRow = z.infer<typeof IndexRowSchema>;

const ClosedRowSchema = z.object({
  plan: LinkSchema,
  status: z.string(),
  completed: z.string(),
  line: z.number().int().min(1),
});
export type ClosedRow = z.infer<typeof ClosedRowSchema>;

/** The plans index `spec/plans/README.md`. */
const PlansIndexSchema = z.object({
  rows: z.array(IndexRowSchema),
  columns: z.array(z.string()),
  recentlyClosed: z.array(ClosedRowSchema).nullable(),
  hasOutstandingQuestions: z.boolean(),
});
export type PlansIndex = z.infer<typeof PlansIndexSchema>;
