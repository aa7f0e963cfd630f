import path from 'node:path';
import { z } from 'zod';
import { EffortSchema, ImpactSchema } from './plan-schema.js';
import type { Plan, Step } from './plan.js';
import { FEATURES_DIR } from './repository.js';

/*
 * The structured-output schema an LLM fills when drafting a plan in the current SpecScore
 * format, and its conversion into the one plan model. Same conventions as `PlanDraftSchema`:
 * every property required, optional values nullable, unknown keys rejected, no length or
 * pattern keywords. Tasks are numbered by their position (1, 2, 3 …).
 */

const DraftTaskSchema = z
  .strictObject({
    title: z.string().describe('Short imperative title without the number, e.g. "Define batch input schema"'),
    description: z.string().describe('1-4 sentences of plain markdown: what is done and why. No headings, no **Field:** lines.'),
    verifies: z
      .array(z.string().describe('An acceptance criterion of the source feature: its slug as in "### AC: <slug>", e.g. "batch-schema-validates"'))
      .describe('The feature acceptance criteria this task implements (at least one for a feature-sourced plan)'),
    dependsOn: z.array(z.string().describe('A task number such as "1"')).describe('Numbers of the tasks this task waits for; [] when it can start at once'),
  })
  .describe('A task of the plan');

/** A plan of the current SpecScore format as drafted by a model (the tool fills in the header). */
export const SpecscorePlanDraftSchema = z
  .strictObject({
    title: z.string().describe('Plan title without the "Plan:" prefix'),
    summary: z.string().describe('1-3 sentences: what this plan covers and how it decomposes the source'),
    approach: z.string().describe('At most one paragraph on the decomposition: what was grouped, what was deferred and why'),
    tasks: z.array(DraftTaskSchema).describe('The tasks, in order; they are numbered 1, 2, 3 … by position (at least one)'),
    openQuestions: z.array(z.string()).describe('Questions for the reviewer, one sentence each; [] when none'),
    effort: EffortSchema.nullable().describe('Suggested effort S | M | L | XL, or null'),
    impact: ImpactSchema.nullable().describe('Suggested impact low | medium | high | critical, or null'),
  })
  .describe('A SpecScore plan (current format) drafted from a feature spec');
export type SpecscorePlanDraft = z.infer<typeof SpecscorePlanDraftSchema>;

/** Header values of a new plan of the current format that the tool decides (never the model). */
export interface SpecscoreDraftHeader {
  /** Root-relative plan file: `spec/plans/<slug>.md`. */
  file: string;
  /** The source: a feature path, an idea slug, or none. */
  source: { kind: 'feature'; feature: string } | { kind: 'idea'; idea: string } | { kind: 'none' };
  owner: string;
  date: string;
  /** The plan's status (model value); `draft` when absent, as for every new plan. */
  status?: string;
  /** The master plan of a sub-plan (`**Parent:**`). */
  parent?: string;
}

/** A task reference as written in `**Verifies:**`: `feature#ac:slug` (a bare slug gets the source feature). */
function verifiesRef(feature: string | null, ref: string): string {
  const r = ref.trim().replace(/^`|`$/g, '');
  if (r.includes('#')) return r;
  const slug = r.replace(/^ac:/i, '');
  return feature ? `${feature}#ac:${slug}` : slug;
}

function bullets(items: readonly string[]): string {
  return items.map((q) => `- ${q.trim().replace(/^(?:[-*+]|\d+[.)])\s+/, '')}`).join('\n');
}

/**
 * A drafted plan as the plan model in the shape the current format's parser reads: status
 * draft (or the header's); the format's header fields (Source Feature or Source, Date, Owner, Supersedes) as
 * extra header fields, mirrored into features, source type, author and created; Summary as the
 * context, Approach as a section, tasks as steps with Verifies and `Status: planning`, Open
 * Questions. Pure.
 */
export function specscorePlanFromDraft(draft: SpecscorePlanDraft, header: SpecscoreDraftHeader): Plan {
  const src = header.source;
  const feature = src.kind === 'feature' ? src.feature : null;
  const extra = [
    ...(feature ? [{ name: 'Source Feature', value: feature }] : []),
    { name: 'Date', value: header.date },
    { name: 'Owner', value: header.owner },
    { name: 'Supersedes', value: '—' },
    ...(header.parent ? [{ name: 'Parent', value: header.parent }] : []),
  ];
  const steps: Step[] = draft.tasks.map((t, i) => {
    const refs = [...new Set(t.verifies.map((v) => verifiesRef(feature, v)).filter((v) => v !== ''))];
    return {
      number: String(i + 1),
      title: t.title.trim().replace(/^(?:task\s+)?\d+[.:)]?\s+/i, ''),
      body: t.description.trim(),
      dependsOn: [
        ...new Set(
          t.dependsOn
            .map((d) =>
              d
                .trim()
                .replace(/^tasks?\s*/i, '')
                .replace(/\.$/, ''),
            )
            .filter(Boolean),
        ),
      ],
      produces: [],
      acceptanceCriteria: [],
      extraFields: [
        { name: 'Verifies', value: refs.length ? refs.join(', ') : '—' },
        { name: 'Status', value: 'planning' },
      ],
      subSteps: [],
    };
  });
  const questions = draft.openQuestions.map((q) => q.trim()).filter(Boolean);
  return {
    title: draft.title.trim().replace(/^plan:\s*/i, ''),
    preamble: '',
    header: {
      status: header.status ?? 'draft',
      features: feature ? [{ text: feature, href: path.posix.relative(path.posix.dirname(header.file), `${FEATURES_DIR}/${feature}/README.md`) }] : [],
      sourceType: src.kind,
      source: src.kind === 'idea' ? `idea:${src.idea}` : src.kind === 'none' ? 'none' : null,
      author: header.owner,
      approver: null,
      created: header.date,
      approved: null,
      effort: draft.effort,
      impact: draft.impact,
      supersededBy: null,
      extra,
    },
    context: draft.summary.trim(),
    acceptanceCriteria: null,
    steps,
    stepsPreamble: '',
    childPlans: null,
    childPlansNotes: '',
    dependencyGraph: null,
    risks: null,
    outstandingQuestions: questions.length ? bullets(questions) : 'None at this time.',
    extraSections: [{ title: 'Approach', depth: 2, body: draft.approach.trim() }],
  };
}
