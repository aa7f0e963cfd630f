import type { LlmProvider, ProviderName } from '../generation/provider.js';
import { renderPrompt, type PromptSource } from '../generation/prompts.js';
import { generateStructured } from '../generation/structured.js';
import type { UsageTotals } from '../generation/usage.js';
import { PlanDraftSchema, type PlanDraft } from '../model/draft.js';
import type { Plan } from '../model/plan.js';
import { ProblemError, UsageError, act } from '../model/errors.js';
import { planFile, type SpecRepo } from '../model/repository.js';
import { assembleContext, type ConventionDoc, type OmittedPart } from './context.js';
import { skeletonDraft } from './skeleton.js';
import { defaultSlug, draftHeader, draftPlanPath, resolveSource, type DraftSource, type ResolvedSource } from './source.js';
import { acceptDraft, rejectedDraftProblems } from '../lint/acceptance.js';
import { draftTextProblems } from './model-text.js';
import { findOverlaps, type PlanOverlap } from './overlap.js';
import { planStates } from '../analysis/plan-state.js';
import type { PlanStates } from '../model/plan-state.js';

/** Author written when none is given. */
export const DEFAULT_DRAFT_AUTHOR = '@specplan';

/** What to draft, from what, with which model. */
export interface DraftPlanOptions {
  repo: SpecRepo;
  source: DraftSource;
  /** Any provider, including a sampling provider; `none` gives the deterministic skeleton. */
  provider: LlmProvider;
  /** The prompt templates. */
  prompts: PromptSource;
  /** Plan slug; default from the feature path or proposal slug. */
  slug?: string | undefined;
  /** Roadmap to draft a child plan into. */
  parent?: string | null | undefined;
  author?: string | undefined;
  /** Creation date YYYY-MM-DD (the injected clock). */
  today: string;
  /** Defaults to `planning.llm.max_attempts`. */
  maxAttempts?: number | undefined;
  budgetTokens?: number | undefined;
  conventions?: readonly ConventionDoc[] | undefined;
  maxTokens?: number | undefined;
  signal?: AbortSignal | undefined;
  /** The derived plan states (progress from execution) for the context and the overlap check; default: without execution. */
  states?: PlanStates | undefined;
}

/** A validated draft: the plan, its markdown and how it was obtained. Nothing is written. */
export interface DraftPlanResult {
  planPath: string;
  /** Root-relative README path the plan belongs at. */
  file: string;
  plan: Plan;
  markdown: string;
  draft: PlanDraft;
  source: ResolvedSource;
  parent: string | null;
  provider: ProviderName;
  model: string;
  /** Generation attempts (0 for the skeleton). */
  attempts: number;
  usage: UsageTotals;
  context: { tokens: number; budget: number; omitted: OmittedPart[]; omittedNote: string };
  /** Open plans of the same feature whose steps the draft repeats (empty when none). */
  overlaps: PlanOverlap[];
}

function checkAuthor(author: string): string {
  const a = author.trim();
  if (!a || /[\r\n]/.test(a))
    throw new UsageError(`author "${author}" is not valid`, ['give the author as ', act({ do: 'option', name: 'author', value: '@name' })]);
  return a;
}

/**
 * Draft a plan from a feature spec or an approved proposal and validate it like a hand-written
 * one (schema, structure, render/parse round trip, lint) with the repair loop. Writes nothing:
 * `writeDraftPlan` does. With the `none` provider the deterministic skeleton is returned
 * (still validated). Throws `StructuredOutputError` (exit 1) when no attempt was valid.
 */
export async function draftPlan(opts: DraftPlanOptions): Promise<DraftPlanResult> {
  const { repo } = opts;
  const source = resolveSource(repo, opts.source);
  const parent = opts.parent ? opts.parent.replace(/\/+$/, '') : null;
  const planPath = draftPlanPath(repo, opts.slug ?? defaultSlug(source), parent);
  const header = draftHeader(planPath, source, checkAuthor(opts.author ?? DEFAULT_DRAFT_AUTHOR), opts.today);
  const states = opts.states ?? planStates(repo);
  const context = assembleContext(repo, source, { parent, conventions: opts.conventions, budgetTokens: opts.budgetTokens, states });
  const contextInfo = { tokens: context.tokens, budget: context.budget, omitted: context.omitted, omittedNote: context.omittedNote };
  const base = { planPath, file: planFile(planPath), source, parent, provider: opts.provider.name, model: opts.provider.model, context: contextInfo };
  const overlaps = (plan: Plan) => findOverlaps(repo, states, { path: planPath, plan, features: [source.feature.path] });

  if (opts.provider.name === 'none') {
    const draft = skeletonDraft(source);
    const checked = acceptDraft(repo, planPath, draft, header);
    if (!checked.plan || !checked.markdown) {
      throw new ProblemError(
        `the skeleton for ${source.id} does not pass validation:\n${checked.problems.map((e) => `  - ${e}`).join('\n')}`,
        'this is a bug in specscore-plans; please report it with the feature spec',
      );
    }
    return {
      ...base,
      plan: checked.plan,
      markdown: checked.markdown,
      draft,
      attempts: 0,
      usage: { llmCalls: 0, inputTokens: 0, outputTokens: 0 },
      overlaps: overlaps(checked.plan),
    };
  }

  const template = opts.prompts.load('draft-plan');
  const prompt = renderPrompt(template, {
    source_kind: source.proposal ? `approved change request "${source.title}" (proposal ${source.id})` : `feature spec "${source.title}" (${source.id})`,
    plan_path: planPath,
    context: context.text,
    omitted: context.omittedNote,
  });
  let accepted: { plan: Plan; markdown: string } | null = null;
  const result = await generateStructured({
    provider: opts.provider,
    prompts: opts.prompts,
    schema: PlanDraftSchema,
    schemaName: 'plan_draft',
    schemaDescription: 'Return the drafted development plan.',
    system: prompt.system,
    prompt: prompt.user,
    maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts,
    maxTokens: opts.maxTokens,
    signal: opts.signal,
    schemaProblems: (raw, issues) => rejectedDraftProblems(raw, issues, header),
    validate: (draft) => {
      const text = draftTextProblems(draft);
      const checked = acceptDraft(repo, planPath, draft, header);
      accepted = !text.length && checked.plan && checked.markdown ? { plan: checked.plan, markdown: checked.markdown } : null;
      return [...text, ...checked.problems];
    },
  });
  const ok = accepted as { plan: Plan; markdown: string } | null;
  if (!ok) throw new ProblemError('internal error: the accepted draft was not kept', 'please report this bug');
  return {
    ...base,
    model: result.model,
    plan: ok.plan,
    markdown: ok.markdown,
    draft: result.value,
    attempts: result.attempts.length,
    usage: result.usage,
    overlaps: overlaps(ok.plan),
  };
}
