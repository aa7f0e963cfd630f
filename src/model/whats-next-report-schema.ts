/** The schemas of the What's Next report; its types and values are `whats-next-report.ts`, which loads no zod. */
import { z } from 'zod';
import { EffortSchema, ImpactSchema } from './plan-schema.js';

export const ModeSchema = z.enum(['incremental', 'full']).describe('How the report was built');

export const CompletedEntrySchema = z.object({
  plan: z.string().describe('Plan path below spec/plans/'),
  completedOn: z.string().nullable().describe('Completion date (latest work item update), null when unknown'),
});

export const InProgressEntrySchema = z.object({
  plan: z.string().describe('Plan path below spec/plans/'),
  done: z.number().int().min(0).describe('Level-1 steps done'),
  total: z.number().int().min(0).describe('Level-1 steps'),
  blockers: z.array(z.string()).describe('Blocked work items and unfinished predecessor plans; empty for none'),
});

export const RecommendedEntrySchema = z.object({
  plan: z.string().describe('Plan path below spec/plans/'),
  rank: z.number().int().min(1).describe('1-based position'),
  need: z.enum(['review', 'approval', 'start', 'decomposition']).describe('What the plan needs next'),
  effort: EffortSchema,
  impact: ImpactSchema,
  inferred: z.array(z.enum(['effort', 'impact'])).describe('Which of effort/impact were inferred'),
  score: z.number().describe('Ranking score (higher first)'),
  reasons: z.array(z.string()).describe('Why, strongest signal first'),
  sentence: z.string().describe('The one-sentence reason printed in the report'),
});

export const UsageSchema = z.object({
  llmCalls: z.number().int().min(0),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
});

/** The What's Next report as a model: rendered to WHATS-NEXT.md and printed by `--json`. */
export const WhatsNextReportSchema = z.object({
  generated: z.string().describe('Generated date YYYY-MM-DD'),
  mode: ModeSchema,
  completed: z.array(CompletedEntrySchema).describe('Completed since the last report, newest first'),
  completedMore: z.number().int().min(0).describe('Further completions not listed'),
  inProgress: z.array(InProgressEntrySchema).describe('Plans with work under way, by path'),
  recommended: z.array(RecommendedEntrySchema).describe('Top recommendations, best first'),
  needsRework: z
    .array(z.object({ plan: z.string().describe('Plan path below spec/plans/'), errors: z.number().int().min(1).describe('Lint errors in its document') }))
    .optional()
    .describe('Open plans never recommended because their document has lint errors, by path; absent for none'),
  reasoning: z.string().describe('The ### Reasoning paragraph(s)'),
  questions: z.array(z.string()).describe('Outstanding questions, one per bullet'),
  singleFile: z.array(z.string()).optional().describe('Plans written as one file spec/plans/<slug>.md (the current format): their links name the file'),
});
