import { z } from 'zod';
import { ExtraFieldSchema, ExtraSectionSchema, LinkSchema } from './common-schema.js';
import { EFFORTS, IMPACTS, PLAN_STATUSES, SOURCE_TYPES } from './plan.js';

const PlanStatusSchema = z.enum(PLAN_STATUSES).describe('Plan status');

const SourceTypeSchema = z.enum(SOURCE_TYPES).describe('feature or change-request');

export const EffortSchema = z.enum(EFFORTS).describe('S | M | L | XL');

export const ImpactSchema = z.enum(IMPACTS).describe('low | medium | high | critical');

/**
 * Header of a plan document as read from markdown. Enumerated fields are plain strings here
 * because a hand-written plan may hold any value; the lint rules and `PlanDraftSchema` check them.
 */
export const PlanHeaderSchema = z.object({
  status: z.string().nullable().describe('Status field value, null when absent'),
  features: z.array(LinkSchema).describe('Features list: links to affected feature READMEs'),
  sourceType: z.string().nullable().describe('Source type: feature or change-request'),
  source: z.string().nullable().describe('Source field as raw markdown (one or more links)'),
  author: z.string().nullable().describe('Author, e.g. @alex'),
  approver: z.string().nullable().describe('Approver, set on approval'),
  created: z.string().nullable().describe('Creation date YYYY-MM-DD'),
  approved: z.string().nullable().describe('Approval date YYYY-MM-DD'),
  effort: z.string().nullable().describe('Optional effort S | M | L | XL'),
  impact: z.string().nullable().describe('Optional impact low | medium | high | critical'),
  supersededBy: LinkSchema.nullable().describe('Successor plan link on a superseded plan'),
  extra: z.array(ExtraFieldSchema).describe('Header fields the format does not define, in order'),
});

const stepShape = {
  number: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .describe('Step number: "2" or "2.1"'),
  title: z.string().min(1).describe('Step title'),
  body: z.string().describe('Markdown description of the step (may be empty)'),
  dependsOn: z.array(z.string()).nullable().describe('Step numbers this step depends on; [] renders "(none)"; null omits the field'),
  produces: z.array(z.string()).describe('Artifacts the step produces, one markdown bullet each'),
  acceptanceCriteria: z.array(z.string()).describe('Step-level acceptance criteria bullets'),
  extraFields: z.array(ExtraFieldSchema).describe('Other **Field:** lines, kept as written'),
};

export const SubStepSchema = z.object(stepShape).describe('A level-2 sub-step such as 2.1');

export const StepSchema = z.object({ ...stepShape, subSteps: z.array(SubStepSchema).describe('Level-2 sub-steps') }).describe('A level-1 step');

export const ChildPlanRowSchema = z
  .object({
    order: z.string().describe('Order value; equal values run in parallel'),
    plan: LinkSchema.describe('Link to the child plan folder, e.g. [x](x/)'),
    status: z.string().describe('Child status as listed'),
    effort: z.string().describe('Effort or - / —'),
    impact: z.string().describe('Impact or - / —'),
    dependsOn: z.array(z.string()).nullable().describe('Depends on column (child slugs); null when no such column'),
  })
  .describe('A row of a roadmap Child Plans table');

/** A plan document (standalone, roadmap or child), as parsed or as drafted. */
export const PlanSchema = z
  .object({
    title: z.string().min(1).describe('Title after "# Plan: "'),
    preamble: z.string().describe('Markdown between the title and the header fields (usually empty)'),
    header: PlanHeaderSchema,
    context: z.string().nullable().describe('Body of ## Context; null when absent'),
    acceptanceCriteria: z.array(z.string()).nullable().describe('Plan-level criteria; null when section absent'),
    steps: z.array(StepSchema).nullable().describe('Steps; null when there is no ## Steps section'),
    stepsPreamble: z.string().describe('Markdown between ## Steps and the first step'),
    childPlans: z.array(ChildPlanRowSchema).nullable().describe('Roadmap Child Plans rows; null when absent'),
    childPlansNotes: z.string().describe('Markdown after the Child Plans table inside that section'),
    dependencyGraph: z.string().nullable().describe('Body of ## Dependency graph; null when absent'),
    risks: z.string().nullable().describe('Body of ## Risks and open decisions; null when absent'),
    outstandingQuestions: z.string().nullable().describe('Body of ## Outstanding Questions; null when absent'),
    extraSections: z.array(ExtraSectionSchema).describe('Other level-2 sections, in document order'),
  })
  .describe('A SpecScore development plan document');
