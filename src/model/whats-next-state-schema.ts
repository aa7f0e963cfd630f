import { z } from 'zod';
import { IsoDateSchema } from './execution.js';
import { ModeSchema } from './whats-next-report-schema.js';

/**
 * The schema of the state embedded at the end of WHATS-NEXT.md (see whats-next-state.ts), apart
 * from its values so that reading a report's state loads no zod until it is validated.
 */

/** A plan path as the state records it (any folder name, bounded). */
const PlanPath = z.string().min(1).max(1000);

/** What the report listed as "since the last update"; carried forward while nothing changes. */
const SinceSchema = z.object({
  completed: z.array(z.tuple([PlanPath, IsoDateSchema.nullable()])).describe('[plan, completedOn] listed in Completed Since Last Update'),
  more: z.number().int().min(0).describe('Completions not listed (over the cap)'),
  unblocked: z.array(z.tuple([PlanPath, z.array(PlanPath)])).describe('[plan, unblockedBy[]] newly unblocked'),
});
export type Since = z.infer<typeof SinceSchema>;

/** The `meta` line of the embedded state. */
export const StateMetaSchema = z.object({
  generated: IsoDateSchema.describe('Generated date of the report'),
  mode: ModeSchema,
  body: z.string().describe('Digest of the visible report above the state comment'),
  features: z.string().describe('Digest of every feature path and status'),
  items: z.string().describe('Digest of every execution item'),
  prose: z.enum(['llm', 'template']).describe('Who wrote Reasoning and Outstanding Questions'),
  ranking: z.string().describe('Digest of what the prose is written from: recommended entries and the template questions'),
  top: z.number().int().min(1).describe('How many recommendations the report lists'),
  shown: z.array(z.tuple([PlanPath, z.number()])).describe('[plan, score] of the recommendations listed, in order'),
  raw: z
    .object({
      ledger: z.string().describe('Digest of the ledger file text, - when absent'),
      features: z.string().describe('Digest of every feature README'),
      trailers: z.string().describe('Digest of the Plan-Step trailer items'),
      tracked: z
        .string()
        .optional()
        .describe("Print of the plan and feature READMEs in git's index when the work tree matches it, - otherwise (absent in older reports)"),
    })
    .describe('Digests of the raw inputs, so an unchanged repository is recognized without parsing'),
  since: SinceSchema,
});
export type StateMeta = z.infer<typeof StateMetaSchema>;
