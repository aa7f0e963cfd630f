/** The schema of a feature as the model holds it; its types and values are `feature.ts`, which loads no zod. */
import { z } from 'zod';
import { LinkSchema } from './common-schema.js';

/** A row of a feature's `## Plans` back-reference table. */
export const FeaturePlanRowSchema = z.object({
  plan: LinkSchema.describe('Link to the plan folder, relative to the feature README'),
  status: z.string().describe('Plan status as listed'),
  author: z.string().describe('Author as listed'),
  approved: z.string().describe('Approval date or - / —'),
});

/** A level-2+ heading of a feature document. */
const FeatureSectionSchema = z.object({
  title: z.string(),
  depth: z.number().int().min(1).max(6),
  line: z.number().int().min(1),
});

/** Line range [startLine, endLine] (1-based, inclusive) of the `## Plans` section, for in-place edits. */
const LineRangeSchema = z.object({ startLine: z.number().int(), endLine: z.number().int() });

/** A feature spec README. */
export const FeatureSchema = z.object({
  title: z.string().describe('Title after "# Feature: "'),
  status: z.string().nullable().describe('Feature status (e.g. Conceptual, Stable), null when absent'),
  summary: z.string().nullable().describe('Body of ## Summary, when present'),
  sections: z.array(FeatureSectionSchema).describe('All headings below the title, in order'),
  plans: z.array(FeaturePlanRowSchema).nullable().describe('The ## Plans table; null when absent'),
  plansSection: LineRangeSchema.nullable().describe('Lines of the ## Plans section, heading included'),
  proposals: z.array(LinkSchema).describe('Links found in a ## Proposals section'),
  acceptanceCriteria: z.array(z.string()).describe('Bullets of an ## Acceptance Criteria section'),
});
