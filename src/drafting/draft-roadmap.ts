import { createPlanSet } from '../app/write-roadmap.js';
import { withChanges } from '../parse/with-changes.js';
import type { LlmProvider, ProviderName } from '../llm/provider.js';
import { loadPrompt, renderPrompt } from '../llm/prompts.js';
import { generateStructured } from '../llm/structured.js';
import type { UsageTotals } from '../llm/usage.js';
import { childAsPlanDraft, draftToPlan, roadmapToPlan, RoadmapDraftSchema, type DraftHeader, type RoadmapDraft } from '../model/draft.js';
import type { Plan } from '../model/plan.js';
import { ProblemError } from '../model/errors.js';
import { isSafeSlug } from '../model/paths.js';
import { planFile, type SpecRepo } from '../model/repository.js';
import { assembleContext, type ConventionDoc, type OmittedPart } from './context.js';
import { DEFAULT_DRAFT_AUTHOR } from './draft-plan.js';
import { behaviourSections, skeletonDraft } from './skeleton.js';
import { defaultSlug, draftHeader, draftPlanPath, resolveSource, type DraftSource, type ResolvedSource } from './source.js';
import { capErrors, draftStructureProblems, graphProblems, lintErrors, renderChecked } from '../lint/acceptance.js';

/** One validated document of a drafted roadmap. */
export interface DraftedDocument {
  planPath: string;
  file: string;
  plan: Plan;
  markdown: string;
}

/** A validated roadmap with its child plans. Nothing is written. */
export interface DraftRoadmapResult extends DraftedDocument {
  children: DraftedDocument[];
  draft: RoadmapDraft;
  source: ResolvedSource;
  provider: ProviderName;
  model: string;
  attempts: number;
  usage: UsageTotals;
  context: { tokens: number; budget: number; omitted: OmittedPart[]; omittedNote: string };
}

export interface DraftRoadmapOptions {
  repo: SpecRepo;
  source: DraftSource;
  provider: LlmProvider;
  slug?: string | undefined;
  author?: string | undefined;
  today: string;
  maxAttempts?: number | undefined;
  budgetTokens?: number | undefined;
  conventions?: readonly ConventionDoc[] | undefined;
  maxTokens?: number | undefined;
  signal?: AbortSignal | undefined;
}

const RESERVED = new Set(['acs', 'reports']);

function childPath(message: string, i: number, slug: string): string {
  return /^[a-zA-Z]+[[.:]/.test(message) ? `children[${i}].${message}` : `children[${i}] (${slug}): ${message}`;
}

/**
 * Validate a roadmap draft: its own fields, every child like a single plan (structure, step
 * graph, render/parse round trip), then lint of all documents in the repository as it will be.
 */
export function validateRoadmapDraft(repo: SpecRepo, roadmapPath: string, draft: RoadmapDraft, headerFor: (planPath: string) => DraftHeader): { errors: string[]; roadmap: DraftedDocument | null; children: DraftedDocument[] } {
  const errors: string[] = [];
  if (!draft.title.trim()) errors.push('title: is empty; expected the roadmap title');
  if (!draft.context.trim()) errors.push('context: is empty; expected 2-5 sentences');
  if (!draft.acceptanceCriteria.some((c) => c.trim())) errors.push('acceptanceCriteria: is empty; expected at least one criterion');
  if (!draft.children.length) errors.push('children: is empty; expected the child plans (2-6)');
  const slugs = new Set<string>();
  draft.children.forEach((c, i) => {
    const slug = c.slug.trim();
    if (!isSafeSlug(slug) || RESERVED.has(slug)) errors.push(`children[${i}].slug: "${c.slug}" is not a valid plan slug; expected lower-case letters, digits and hyphens (not acs or reports)`);
    if (slugs.has(slug)) errors.push(`children[${i}].slug: "${slug}" is used twice; expected unique slugs`);
    slugs.add(slug);
    if (c.order < 1) errors.push(`children[${i}].order: is ${c.order}; expected 1 or more`);
  });
  const roadmapPlan = roadmapToPlan(draft, headerFor(roadmapPath));
  const roadmap = { planPath: roadmapPath, file: planFile(roadmapPath), plan: roadmapPlan, ...renderChecked(roadmapPlan) };
  errors.push(...roadmap.errors);
  const children = draft.children.map((c, i) => {
    const planPath = `${roadmapPath}/${c.slug.trim()}`;
    const single = childAsPlanDraft(c);
    const plan = draftToPlan(single, headerFor(planPath));
    const rendered = renderChecked(plan);
    for (const e of [...draftStructureProblems(single), ...graphProblems(plan), ...rendered.errors]) errors.push(childPath(e, i, c.slug));
    return { planPath, file: planFile(planPath), plan, markdown: rendered.markdown };
  });
  if (!errors.length) {
    const docs = [roadmap, ...children];
    const next = withChanges(repo, docs.map((d) => ({ file: d.file, content: d.markdown, before: null })));
    errors.push(...lintErrors(next, roadmapPath, roadmap.markdown).map((e) => `roadmap: ${e}`));
    children.forEach((c, i) => errors.push(...lintErrors(next, c.planPath, c.markdown).map((e) => childPath(e, i, draft.children[i]!.slug))));
  }
  const capped = capErrors(errors);
  return capped.length ? { errors: capped, roadmap: null, children: [] } : { errors: [], roadmap: { planPath: roadmap.planPath, file: roadmap.file, plan: roadmap.plan, markdown: roadmap.markdown }, children };
}

/** Deterministic roadmap without a model: one child plan per behaviour section (all parallel). */
export function skeletonRoadmap(source: ResolvedSource): RoadmapDraft {
  const single = skeletonDraft(source);
  const sections = behaviourSections(source.proposal ? source.proposal.text : source.feature.text);
  const children = single.steps.map((step, i) => ({
    slug: (sections[i] ?? step.title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || `part-${i + 1}`,
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
  const context = [summary, `This roadmap was generated without a language model: one child plan per behaviour section, all parallel (order 1). Order the children and refine each plan before review.`].filter(Boolean).join('\n\n');
  return { title: `${name} roadmap`, context, acceptanceCriteria: ['All child plans completed', ...single.acceptanceCriteria], children, risks: ['Child plans mirror the sections of the spec, not a reviewed decomposition; their order is not yet decided.'], outstandingQuestions: [], effort: null, impact: null };
}

/**
 * Draft a roadmap and its child plans in one structured generation, validated (and repaired)
 * as a whole. With the `none` provider: `skeletonRoadmap`. Writes nothing: `writeDraftRoadmap` does.
 */
export async function draftRoadmap(opts: DraftRoadmapOptions): Promise<DraftRoadmapResult> {
  const { repo } = opts;
  const source = resolveSource(repo, opts.source);
  const roadmapPath = draftPlanPath(repo, opts.slug ?? defaultSlug(source), null);
  const author = (opts.author ?? DEFAULT_DRAFT_AUTHOR).trim();
  const headerFor = (planPath: string) => draftHeader(planPath, source, author, opts.today);
  const context = assembleContext(repo, source, { conventions: opts.conventions, budgetTokens: opts.budgetTokens });
  const contextInfo = { tokens: context.tokens, budget: context.budget, omitted: context.omitted, omittedNote: context.omittedNote };
  const done = (draft: RoadmapDraft, checked: ReturnType<typeof validateRoadmapDraft>, model: string, attempts: number, usage: UsageTotals): DraftRoadmapResult => ({
    ...checked.roadmap!,
    children: checked.children,
    draft,
    source,
    provider: opts.provider.name,
    model,
    attempts,
    usage,
    context: contextInfo,
  });
  if (opts.provider.name === 'none') {
    const draft = skeletonRoadmap(source);
    const checked = validateRoadmapDraft(repo, roadmapPath, draft, headerFor);
    if (checked.errors.length) throw new ProblemError(`the skeleton roadmap for ${source.id} does not pass validation:\n${checked.errors.map((e) => `  - ${e}`).join('\n')}`, 'this is a bug in specscore-plans; please report it with the feature spec');
    return done(draft, checked, 'none', 0, { llmCalls: 0, inputTokens: 0, outputTokens: 0 });
  }
  const prompt = renderPrompt(loadPrompt('draft-roadmap'), {
    source_kind: source.proposal ? `approved change request "${source.title}" (proposal ${source.id})` : `feature spec "${source.title}" (${source.id})`,
    plan_path: roadmapPath,
    context: context.text,
    omitted: context.omittedNote,
  });
  let accepted: ReturnType<typeof validateRoadmapDraft> | null = null;
  const result = await generateStructured({
    provider: opts.provider,
    schema: RoadmapDraftSchema,
    schemaName: 'roadmap_draft',
    schemaDescription: 'Return the drafted roadmap with its child plans.',
    system: prompt.system,
    prompt: prompt.user,
    maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts,
    maxTokens: opts.maxTokens ?? 16_384,
    signal: opts.signal,
    validate: (draft) => {
      const checked = validateRoadmapDraft(repo, roadmapPath, draft, headerFor);
      accepted = checked.errors.length ? null : checked;
      return checked.errors;
    },
  });
  const ok = accepted as ReturnType<typeof validateRoadmapDraft> | null;
  if (!ok) throw new ProblemError('internal error: the accepted roadmap was not kept', 'please report this bug');
  return done(result.value, ok, result.model, result.attempts.length, result.usage);
}

/** Write a validated roadmap and its children as one operation (see `createPlanSet`). */
export function writeDraftRoadmap(root: string, result: DraftRoadmapResult): Promise<{ written: string[]; notes: string[] }> {
  return createPlanSet(root, [result, ...result.children], result.source.proposal?.id ?? null, result.plan.header.created ?? '');
}
