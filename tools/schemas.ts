import { z } from 'zod';
import { SeveritySchema } from '../src/model/common-schema.js';

/**
 * Zod pieces shared by the tool schemas. Descriptions are short on purpose: every tool's input
 * and output schema is sent to the client in `tools/list` (budget: 24,000 characters in all).
 */

/** A plan argument: its path below spec/plans/. */
export const planArg = z
  .string({ error: 'expected "plan" as a string: the plan path below spec/plans/, e.g. user-auth' })
  .describe('Plan path below spec/plans/, e.g. user-auth');

/** The read tools' option to return the document's markdown in structuredContent too (the text content always has it). */
export const withMarkdownArg = z.boolean().optional().describe('Also return the markdown in structuredContent');

/** A feature argument: its path below spec/features/. */
export const featureArg = z
  .string({ error: 'expected "feature" as a string: the feature path below spec/features/, e.g. cli' })
  .describe('Feature path below spec/features/, e.g. cli or chat/workflow');

/** A proposal argument: `feature/proposal-slug`. */
export const proposalArg = z.string({ error: 'expected "proposal" as a string: feature/proposal-slug' }).describe('Proposal id: feature/proposal-slug');

/** Paging inputs for list tools. */
export const pageArgs = {
  cursor: z.string().optional().describe('A nextCursor'),
  limit: z
    .number({ error: 'expected "limit" as a whole number from 1 to 200' })
    .int()
    .min(1, 'limit is at least 1')
    .max(200, 'limit is at most 200; page with cursor instead')
    .optional()
    .describe('Default 50'),
};

/** Free-text filter input. */
export const textArg = z.string().optional().describe('Substring of path, title or text');

/** Paging outputs for list tools. */
export const pageOut = {
  total: z.number().describe('Matches, all pages'),
  nextCursor: z.string().nullable().describe('Next page; null at the end'),
};

/** One lint finding (the CONTRACTS lint JSON shape). */
export const DiagnosticOut = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  severity: SeveritySchema,
  rule: z.string(),
  message: z.string(),
});

/** Step progress counts. */
export const ProgressOut = z
  .object({
    done: z.number(),
    total: z.number(),
    completed: z.boolean(),
    completedOn: z.string().nullable(),
    inProgress: z.boolean(),
  })
  .describe('Level-1 steps done/total from the ledger and Plan-Step trailers');

/** Summary row of a plan, used by list_plans and plan_status. */
export const PlanRowOut = z.object({
  plan: z.string().describe('Plan path'),
  title: z.string(),
  status: z.string().nullable().describe('Status as written'),
  derivedStatus: z.string().nullable().describe('Derived (roadmaps) or written status'),
  roadmap: z.boolean(),
  parent: z.string().nullable(),
  features: z.array(z.string()).describe('Feature paths'),
  effort: z.string().nullable(),
  impact: z.string().nullable(),
  progress: z.string().describe('"done/total" steps'),
  blocked: z.boolean().describe('Waits on an unfinished plan'),
});
export type PlanRow = z.infer<typeof PlanRowOut>;

/** Output of a dry run: the files and their would-be content. */
export const dryRunArg = z.boolean().optional().describe('Check only, write nothing');

/** Write a new plan even when its steps repeat an open plan's of the same feature. */
export const allowOverlapArg = z.boolean().optional().describe('Write despite steps repeating an open plan');
