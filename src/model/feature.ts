import { z } from 'zod';
import { LinkSchema } from './common-schema.js';

/** A row of a feature's `## Plans` back-reference table. */
const FeaturePlanRowSchema = z.object({
  plan: LinkSchema.describe('Link to the plan folder, relative to the feature README'),
  status: z.string().describe('Plan status as listed'),
  author: z.string().describe('Author as listed'),
  approved: z.string().describe('Approval date or - / —'),
});
export type FeaturePlanRow = z.infer<typeof FeaturePlanRowSchema>;

/** A level-2+ heading of a feature document. */
const FeatureSectionSchema = z.object({
  title: z.string(),
  depth: z.number().int().min(1).max(6),
  line: z.number().int().min(1),
});
type FeatureSection = z.infer<typeof FeatureSectionSchema>;

/** Line range [startLine, endLine] (1-based, inclusive) of the `## Plans` section, for in-place edits. */
const LineRangeSchema = z.object({ startLine: z.number().int(), endLine: z.number().int() });
type LineRange = z.infer<typeof LineRangeSchema>;

/** A feature spec README. */
const FeatureSchema = z.object({
  title: z.string().describe('Title after "# Feature: "'),
  status: z.string().nullable().describe('Feature status (e.g. Conceptual, Stable), null when absent'),
  summary: z.string().nullable().describe('Body of ## Summary, when present'),
  sections: z.array(FeatureSectionSchema).describe('All headings below the title, in order'),
  plans: z.array(FeaturePlanRowSchema).nullable().describe('The ## Plans table; null when absent'),
  plansSection: LineRangeSchema.nullable().describe('Lines of the ## Plans section, heading included'),
  proposals: z.array(LinkSchema).describe('Links found in a ## Proposals section'),
  acceptanceCriteria: z.array(z.string()).describe('Bullets of an ## Acceptance Criteria section'),
});
export type Feature = z.infer<typeof FeatureSchema>;

/** Feature statuses from least to most mature; used to rank "closer to Stable". */
export const FEATURE_MATURITY = ['conceptual', 'draft', 'proposed', 'approved', 'in progress', 'implemented', 'beta', 'stable'] as const;
