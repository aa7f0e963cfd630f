import type { LlmProvider, ProviderName } from '../generation/provider.js';
import { renderPrompt, type PromptSource } from '../generation/prompts.js';
import { generateStructured } from '../generation/structured.js';
import type { UsageTotals } from '../generation/usage.js';
import { RoadmapDraftSchema, type RoadmapDraft } from '../model/draft.js';
import { ProblemError } from '../model/errors.js';
import type { SpecRepo } from '../model/repository.js';
import { acceptRoadmapDraft, rejectedRoadmapProblems, type AcceptedDocument } from '../lint/acceptance.js';
import { assembleContext, type ConventionDoc, type OmittedPart } from './context.js';
import { DEFAULT_DRAFT_AUTHOR } from './draft-plan.js';
import { behaviourSections, skeletonDraft } from './skeleton.js';
import { findOverlaps, type PlanOverlap } from './overlap.js';
import { planStates } from '../analysis/plan-state.js';
import type { PlanStates } from '../model/plan-state.js';
import { defaultSlug, draftHeader, draftPlanPath, resolveSource, type DraftSource, type ResolvedSource } from './source.js';

/** A validated roadmap with its child plans. Nothing is written. */
export interface DraftRoadmapResult extends AcceptedDocument {
  children: AcceptedDocument[];
  draft: RoadmapDraft;
  source: ResolvedSource;
  provider: ProviderName;
  model: string;
  attempts: number;
  usage: UsageTotals;
  context: { tokens: number; budget: number; omitted: OmittedPart[]; omittedNote: string };
  /** Open plans of the same feature whose steps a child plan repeats (empty when none). */
  overlaps: PlanOverlap[];
}

/** What to draft, from what, with which model. */
export interface DraftRoadmapOptions {
  repo: SpecRepo;
  source: DraftSource;
  provider: LlmProvider;
  prompts: PromptSource;
  slug?: string | undefined;
  author?: string | undefined;
  today: string;
  maxAttempts?: number | undefined;
  budgetTokens?: number | undefined;
  conventions?: readonly ConventionDoc[] | undefined;
  maxTokens?: number | undefined;
  signal?: AbortSignal | undefined;
  /** The derived plan states (progress from execution); default: without execution. */
  states?: PlanStates | undefined;
}

/** Deterministic roadmap without a model: one child plan per behaviour section (all parallel). */
function skeletonRoadmap(source: ResolvedSource): RoadmapDraft {
  const single = skeletonDraft(source);
  const sections = behaviourSections(source.proposal ? source.proposal.text : source.feature.text);
  const children = single.steps.map((step, i) => ({
    slug:
      (sections[i] ?? step.title)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || `part-${i + 1}`,
    order: 1,
    title: step.title,
    context: `${step.description} Drafted without a language model from ${source.proposal ? 'the proposal' : 'the feature spec'}; refine before review.`,
    acceptanceCriteria: step.acceptanceCriteria,
    steps: [{ ...step, number: '1' }],
    risks: [],
    outstandingQuestions: [],
    effort: null,
    impact: null,
  }));
  const unique = new Set<string>();
  for (const c of children) {
    let s = c.slug;
    for (let k = 2; unique.has(s); k++) s = `${c.slug}-${k}`;
    c.slug = s;
    unique.add(s);
  }
  const name = source.proposal ? source.title : source.feature.parsed.feature.title || source.feature.path;
  const summary = single.context.split('\n\n').slice(0, -1).join('\n\n');
  const context = [
    summary,
    `This roadmap was generated without a language model: one child plan per behaviour section, all parallel (order 1). Order the children and refine each plan before review.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    title: `${name} roadmap`,
    context,
    acceptanceCriteria: ['All child plans completed', ...single.acceptanceCriteria],
    children,
    risks: ['Child plans mirror the sections of the spec, not a reviewed decomposition; their order is not yet decided.'],
    outstandingQuestions: [],
    effort: null,
    impact: null,
  };
}

/**
 * Draft a roadmap and its child plans in one structured generation, validated (and repaired)
 * as a whole. With the `none` provider: `skeletonRoadmap`. Writes nothing.
 */
export async function draftRoadmap(opts: DraftRoadmapOptions): Promise<DraftRoadmapResult> {
  const { repo } = opts;
  const source = resolveSource(repo, opts.source);
  const roadmapPath = draftPlanPath(repo, opts.slug ?? defaultSlug(source), null);
  const author = (opts.author ?? DEFAULT_DRAFT_AUTHOR).trim();
  const headerFor = (planPath: string) => draftHeader(planPath, source, author, opts.today);
  const states = opts.states ?? planStates(repo);
  const context = assembleContext(repo, source, { conventions: opts.conventions, budgetTokens: opts.budgetTokens, states });
  const contextInfo = { tokens: context.tokens, budget: context.budget, omitted: context.omitted, omittedNote: context.omittedNote };
  const done = (
    draft: RoadmapDraft,
    checked: ReturnType<typeof acceptRoadmapDraft>,
    model: string,
    attempts: number,
    usage: UsageTotals,
  ): DraftRoadmapResult => ({
    ...checked.roadmap!,
    children: checked.children,
    draft,
    source,
    provider: opts.provider.name,
    model,
    attempts,
    usage,
    context: contextInfo,
    overlaps: checked.children.flatMap((c) => findOverlaps(repo, states, { path: c.planPath, plan: c.plan, features: [source.feature.path] })),
  });
  if (opts.provider.name === 'none') {
    const draft = skeletonRoadmap(source);
    const checked = acceptRoadmapDraft(repo, roadmapPath, draft, headerFor);
    if (checked.problems.length)
      throw new ProblemError(
        `the skeleton roadmap for ${source.id} does not pass validation:\n${checked.problems.map((e) => `  - ${e}`).join('\n')}`,
        'this is a bug in specscore-plans; please report it with the feature spec',
      );
    return done(draft, checked, 'none', 0, { llmCalls: 0, inputTokens: 0, outputTokens: 0 });
  }
  const prompt = renderPrompt(opts.prompts.load('draft-roadmap'), {
    source_kind: source.proposal ? `approved change request "${source.title}" (proposal ${source.id})` : `feature spec "${source.title}" (${source.id})`,
    plan_path: roadmapPath,
    context: context.text,
    omitted: context.omittedNote,
  });
  let accepted: ReturnType<typeof acceptRoadmapDraft> | null = null;
  const result = await generateStructured({
    provider: opts.provider,
    prompts: opts.prompts,
    schema: RoadmapDraftSchema,
    schemaName: 'roadmap_draft',
    schemaDescription: 'Return the drafted roadmap with its child plans.',
    system: prompt.system,
    prompt: prompt.user,
    maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts,
    maxTokens: opts.maxTokens ?? 16_384,
    signal: opts.signal,
    schemaProblems: (raw, issues) => rejectedRoadmapProblems(raw, issues, headerFor),
    validate: (draft) => {
      const checked = acceptRoadmapDraft(repo, roadmapPath, draft, headerFor);
      accepted = checked.problems.length ? null : checked;
      return checked.problems;
    },
  });
  const ok = accepted as ReturnType<typeof acceptRoadmapDraft> | null;
  if (!ok) throw new ProblemError('internal error: the accepted roadmap was not kept', 'please report this bug');
  return done(result.value, ok, result.model, result.attempts.length, result.usage);
}
