import { z } from 'zod';
import type { Link } from './common.js';
import { EffortSchema, ImpactSchema } from './plan-schema.js';
import type { Plan, Step, SubStep } from './plan.js';

/*
 * The strict structured-output schema an LLM fills when drafting a plan. Every property is
 * required and optional values are nullable (OpenAI strict mode); objects reject unknown keys
 * (so a third nesting level is reported, not dropped). No string-length or pattern keywords:
 * not every provider supports them, and the semantic checks in `src/draft/validate.ts` say
 * exactly what is wrong instead.
 */

const stepFields = {
  title: z.string().describe('Short imperative title without the number, e.g. "Define batch input schema"'),
  description: z.string().describe('1-4 sentences of plain markdown: what is done and why. No headings, no **Field:** lines.'),
  dependsOn: z
    .array(z.string().describe('A step number such as "1" or "2.1"'))
    .describe('Numbers of the steps this step waits for; [] when it can start at once (parallel-eligible)'),
  produces: z.array(z.string()).describe('Artifacts the step produces, e.g. "`schema.json` — JSON Schema for batch input"; [] when none'),
  acceptanceCriteria: z.array(z.string()).describe('Step-level acceptance criteria, each one checkable sentence'),
};

const DraftSubStepSchema = z
  .strictObject({
    number: z.string().describe('Sub-step number "N.M" where N is the parent step, e.g. "2.1"'),
    ...stepFields,
  })
  .describe('A level-2 sub-step. Sub-steps cannot have sub-steps of their own.');
type DraftSubStep = z.infer<typeof DraftSubStepSchema>;

const DraftStepSchema = z
  .strictObject({
    number: z.string().describe('Step number "1", "2", … in order'),
    ...stepFields,
    subSteps: z.array(DraftSubStepSchema).describe('Level-2 sub-steps (2.1, 2.2, …); [] for most steps'),
  })
  .describe('A level-1 step of the plan');
export type DraftStep = z.infer<typeof DraftStepSchema>;

/** A drafted plan as returned by the model (header fields are filled in by the tool, not the model). */
export const PlanDraftSchema = z
  .strictObject({
    title: z.string().describe('Plan title without the "Plan:" prefix'),
    context: z.string().describe('2-5 sentences: why the plan exists and the high-level approach chosen'),
    acceptanceCriteria: z.array(z.string()).describe('Plan-level, cross-cutting acceptance criteria (at least one)'),
    steps: z.array(DraftStepSchema).describe('The steps, numbered 1, 2, 3 … (at least one)'),
    risks: z.array(z.string()).describe('Risks and open decisions, one bullet each; [] when none'),
    outstandingQuestions: z.array(z.string()).describe('Questions for the reviewer; [] when none'),
    effort: EffortSchema.nullable().describe('Suggested effort S | M | L | XL, or null'),
    impact: ImpactSchema.nullable().describe('Suggested impact low | medium | high | critical, or null'),
  })
  .describe('A SpecScore development plan drafted from a feature spec or an approved proposal');
export type PlanDraft = z.infer<typeof PlanDraftSchema>;

/** A child plan inside a drafted roadmap. */
const ChildPlanDraftSchema = z
  .strictObject({
    slug: z.string().describe('Folder name of the child plan: lower-case letters, digits and hyphens, unique'),
    order: z.number().int().describe('Order in the roadmap, from 1; equal orders run in parallel, a higher order waits for the lower ones'),
    title: z.string().describe('Child plan title without the "Plan:" prefix'),
    context: z.string().describe('2-5 sentences: what this phase delivers and why it comes at this point'),
    acceptanceCriteria: z.array(z.string()).describe('Plan-level acceptance criteria of the child (at least one)'),
    steps: z.array(DraftStepSchema).describe("The child plan's steps, numbered 1, 2, 3 …"),
    risks: z.array(z.string()).describe('Risks and open decisions; [] when none'),
    outstandingQuestions: z.array(z.string()).describe('Questions for the reviewer; [] when none'),
    effort: EffortSchema.nullable().describe('Effort of this child, or null'),
    impact: ImpactSchema.nullable().describe('Impact of this child, or null'),
  })
  .describe('A child plan of the roadmap: a normal development plan');
export type ChildPlanDraft = z.infer<typeof ChildPlanDraftSchema>;

/** A drafted roadmap: a parent plan ordering child plans, each drafted in full. */
export const RoadmapDraftSchema = z
  .strictObject({
    title: z.string().describe('Roadmap title without the "Plan:" prefix'),
    context: z.string().describe('2-5 sentences: why the work is split into phases and how they build on each other'),
    acceptanceCriteria: z.array(z.string()).describe('What holds when every child plan is done (at least one)'),
    children: z.array(ChildPlanDraftSchema).describe('2-6 child plans in roadmap order'),
    risks: z.array(z.string()).describe('Roadmap-level risks and open decisions; [] when none'),
    outstandingQuestions: z.array(z.string()).describe('Questions for the reviewer; [] when none'),
    effort: EffortSchema.nullable().describe('Aggregate effort (XL for several child plans), or null'),
    impact: ImpactSchema.nullable().describe('Aggregate impact, or null'),
  })
  .describe('A SpecScore roadmap with its child plans, drafted from a feature spec or an approved proposal');
export type RoadmapDraft = z.infer<typeof RoadmapDraftSchema>;

/** The single-plan part of a child draft. */
export function childAsPlanDraft(c: ChildPlanDraft): PlanDraft {
  return {
    title: c.title,
    context: c.context,
    acceptanceCriteria: c.acceptanceCriteria,
    steps: c.steps,
    risks: c.risks,
    outstandingQuestions: c.outstandingQuestions,
    effort: c.effort,
    impact: c.impact,
  };
}

/** What an LLM argues for in `specplan suggest`. */
export const EffortImpactSuggestionSchema = z
  .strictObject({
    effort: EffortSchema.describe('Suggested effort'),
    impact: ImpactSchema.describe('Suggested impact'),
    effortReason: z.string().describe('One or two sentences citing the plan: why this effort'),
    impactReason: z.string().describe('One or two sentences citing the plan: why this impact'),
  })
  .describe('Effort and impact for a development plan, with reasons');
type EffortImpactSuggestion = z.infer<typeof EffortImpactSuggestionSchema>;

/** Header values the tool decides (never the model). */
export interface DraftHeader {
  features: Link[];
  sourceType: 'feature' | 'change-request';
  /** Markdown link(s) to the source feature or proposal. */
  source: string;
  author: string;
  created: string;
}

const BULLET_PREFIX = /^(?:[-*+]|\d+[.)])\s+/;

/** Trim a list item and drop a bullet marker the model may have added. */
function item(s: string): string {
  return s.trim().replace(BULLET_PREFIX, '').trim();
}

function items(list: readonly string[]): string[] {
  return list.map(item).filter((s) => s !== '');
}

/** "Step 2", "step 2.1", "2." → "2.1" / "2". */
export function normalizeStepRef(ref: string): string {
  return ref
    .trim()
    .replace(/^steps?\s*/i, '')
    .replace(/\.$/, '')
    .trim();
}

function toStep(s: DraftSubStep | DraftStep): SubStep {
  return {
    number: s.number.trim(),
    title: s.title.trim().replace(/^\d+(?:\.\d+)*[.)]?\s+/, ''),
    body: s.description.trim(),
    dependsOn: [...new Set(s.dependsOn.map(normalizeStepRef).filter(Boolean))],
    produces: items(s.produces),
    acceptanceCriteria: items(s.acceptanceCriteria),
    extraFields: [],
  };
}

/** A mermaid flowchart of the declared dependencies, or null when no step depends on another. */
function dependencyGraph(steps: readonly Step[]): string | null {
  const edges: string[] = [];
  const node = (n: string) => `S${n.replace('.', '_')}["Step ${n}"]`;
  for (const s of steps) {
    for (const d of s.dependsOn ?? []) edges.push(`  ${node(d)} --> ${node(s.number)}`);
    for (const sub of s.subSteps) for (const d of sub.dependsOn ?? []) edges.push(`  ${node(d)} --> ${node(sub.number)}`);
  }
  if (!edges.length) return null;
  return ['```mermaid', 'graph LR', ...edges, '```'].join('\n');
}

/** The header of a new draft plan: status draft, the given features, source, author and date. */
export function draftPlanHeader(header: DraftHeader, effort: string | null, impact: string | null): Plan['header'] {
  return {
    status: 'draft',
    features: header.features,
    sourceType: header.sourceType,
    source: header.source,
    author: header.author,
    approver: null,
    created: header.created,
    approved: null,
    effort,
    impact,
    supersededBy: null,
    extra: [],
  };
}

/**
 * Convert a validated draft into the Plan model, with the header the tool decides: status
 * `draft`, the features, source, author and creation date given. Pure.
 */
export function draftToPlan(draft: PlanDraft, header: DraftHeader): Plan {
  const steps: Step[] = draft.steps.map((s) => ({ ...toStep(s), subSteps: s.subSteps.map(toStep) }));
  const risks = items(draft.risks);
  const questions = items(draft.outstandingQuestions);
  return {
    title: draft.title.trim().replace(/^plan:\s*/i, ''),
    preamble: '',
    header: draftPlanHeader(header, draft.effort, draft.impact),
    context: draft.context.trim(),
    acceptanceCriteria: items(draft.acceptanceCriteria),
    steps,
    stepsPreamble: '',
    childPlans: null,
    childPlansNotes: '',
    dependencyGraph: dependencyGraph(steps),
    risks: risks.length ? risks.map((r) => `- ${r.replace(/\n/g, '\n  ')}`).join('\n') : 'None identified yet.',
    outstandingQuestions: questions.length ? questions.map((q) => `- ${q.replace(/\n/g, '\n  ')}`).join('\n') : 'None at this time.',
    extraSections: [],
  };
}

/**
 * Convert a validated roadmap draft into the roadmap Plan model: a Child Plans table (sorted by
 * order, then as listed) instead of Steps; header decided by the tool. Pure.
 */
export function roadmapToPlan(draft: RoadmapDraft, header: DraftHeader): Plan {
  const base = draftToPlan(
    {
      title: draft.title,
      context: draft.context,
      acceptanceCriteria: draft.acceptanceCriteria,
      steps: [],
      risks: draft.risks,
      outstandingQuestions: draft.outstandingQuestions,
      effort: draft.effort,
      impact: draft.impact,
    },
    header,
  );
  const rows = draft.children
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.order - b.c.order || a.i - b.i)
    .map(({ c }) => ({
      order: String(c.order),
      plan: { text: c.slug.trim(), href: `${c.slug.trim()}/` },
      status: 'draft',
      effort: c.effort ?? '—',
      impact: c.impact ?? '—',
      dependsOn: null,
    }));
  return { ...base, steps: null, dependencyGraph: null, childPlans: rows, childPlansNotes: '' };
}
