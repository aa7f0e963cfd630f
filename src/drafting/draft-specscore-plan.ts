import { renderPrompt } from '../generation/prompts.js';
import { generateStructured } from '../generation/structured.js';
import { acceptSpecscoreDraft } from '../lint/specscore-acceptance.js';
import { ProblemError, UsageError } from '../model/errors.js';
import { checkSpecPath, isSafeSlug, refuseBuiltinKey } from '../model/paths.js';
import type { Plan } from '../model/plan.js';
import { PLANS_DIR, type SpecRepo } from '../model/repository.js';
import { SpecscorePlanDraftSchema, type SpecscoreDraftHeader, type SpecscorePlanDraft } from '../model/specscore-draft.js';
import type { DraftPlanOptions } from './draft-plan.js';
import { assembleContext } from './context.js';
import { subsections, unlink } from './sections.js';
import { defaultSlug, resolveSource, type ResolvedSource } from './source.js';

/*
 * Drafting in a repository of the current SpecScore format: a single-file plan
 * `spec/plans/<slug>.md` from a feature (Source Feature), with tasks that verify the feature's
 * acceptance criteria, accepted by the format's path of the acceptance pipeline. Writes nothing.
 */

/** What to draft in the current format: as in the seed format, with the author given and a master plan as `parent` (its `**Parent:**`). */
export type SpecscoreDraftOptions = Omit<DraftPlanOptions, 'author' | 'maxTokens' | 'states'> & { author: string };

/** A validated draft of the current format. */
export interface SpecscoreDraftResult {
  planPath: string;
  file: string;
  plan: Plan;
  markdown: string;
  source: ResolvedSource;
  provider: string;
  model: string;
  attempts: number;
  context: { omitted: Array<{ title: string }>; omittedNote: string };
}

/** The deterministic draft of the `none` provider: one task per acceptance criterion of the feature. */
function skeleton(source: ResolvedSource): SpecscorePlanDraft {
  const acs = subsections(source.feature.text, ['acceptance criteria']).filter((s) => /^AC:/i.test(s.title));
  const title = source.title;
  const tasks = acs.length
    ? acs.map((ac) => {
        const slug = ac.title
          .replace(/^AC:\s*/i, '')
          .replace(/`/g, '')
          .trim();
        const text = unlink(ac.body)
          .split('\n')
          .filter((l) => l.trim() !== '' && !/^\*\*[^*]+:\*\*/.test(l.trim()))
          .join(' ')
          .trim();
        return { title: `Satisfy ${slug}`, description: text || `Implement what the criterion ${slug} of ${title} asks for.`, verifies: [slug], dependsOn: [] };
      })
    : [{ title: `Implement ${title}`, description: `Build what the feature ${title} specifies.`, verifies: [], dependsOn: [] }];
  return {
    title,
    summary: `Implements the ${title} feature, one task per acceptance criterion it declares.`,
    approach:
      'A skeleton drafted without a model: one independent task per acceptance criterion of the feature, in the order the feature lists them. Group, order and describe the tasks before review.',
    tasks,
    openQuestions: [],
    effort: null,
    impact: null,
  };
}

/** The placeholders of the `draft-specscore-plan` prompt: the feature, the file, its criteria, the context. */
export function specscorePromptVars(source: ResolvedSource, file: string, context: { text: string; omittedNote: string }): Record<string, string> {
  const acs = subsections(source.feature.text, ['acceptance criteria'])
    .filter((s) => /^AC:/i.test(s.title))
    .map((s) =>
      s.title
        .replace(/^AC:\s*/i, '')
        .replace(/`/g, '')
        .trim(),
    );
  return {
    feature: source.id,
    plan_path: file,
    acceptance_criteria: acs.length ? acs.map((a) => `- ${a}`).join('\n') : '(the feature declares none)',
    context: context.text,
    omitted: context.omittedNote,
  };
}

/** The slug of a new single-file plan: safe, free as a file and as a folder. */
export function newPlanSlug(repo: SpecRepo, slug: string): string {
  refuseBuiltinKey(slug);
  if (!isSafeSlug(slug)) throw new UsageError(`"${slug}" is not a valid plan slug`, 'use lower-case letters, digits and hyphens, e.g. batch-mode');
  if (repo.plans.has(slug) || repo.exists?.(`${PLANS_DIR}/${slug}.md`) || repo.exists?.(`${PLANS_DIR}/${slug}`))
    throw new ProblemError(`plan "${slug}" already exists`, 'choose another slug, or edit the existing plan');
  return slug;
}

/**
 * Draft a plan of the current SpecScore format from a feature with the provider (the `none`
 * provider gives the skeleton), validated with the repair loop like a hand-written plan of the
 * format. Proposals are not sources in that format. Throws `StructuredOutputError` when no
 * attempt was valid.
 */
export async function draftSpecscorePlan(opts: SpecscoreDraftOptions): Promise<SpecscoreDraftResult> {
  const { repo } = opts;
  if (opts.source.kind !== 'feature')
    throw new UsageError(
      'the current SpecScore format has no proposals as plan sources',
      'draft from the feature instead (its change is an idea or the feature itself)',
    );
  const source = resolveSource(repo, opts.source);
  const planPath = newPlanSlug(repo, opts.slug ?? defaultSlug(source));
  const file = `${PLANS_DIR}/${planPath}.md`;
  const parent = opts.parent ? checkSpecPath('plan', opts.parent.replace(/\/+$/, '')) : null;
  if (parent && !repo.plans.has(parent)) throw new UsageError(`plan ${parent} does not exist`, 'name an existing plan as the master plan');
  const header: SpecscoreDraftHeader = {
    file,
    source: { kind: 'feature', feature: source.feature.path },
    owner: opts.author,
    date: opts.today,
    ...(parent ? { parent } : {}),
  };
  const context = assembleContext(repo, source, { conventions: opts.conventions, budgetTokens: opts.budgetTokens });
  const base = {
    planPath,
    file,
    source,
    context: { omitted: context.omitted, omittedNote: context.omittedNote },
    provider: opts.provider.name,
    model: opts.provider.model,
  };
  if (opts.provider.name === 'none') {
    const checked = acceptSpecscoreDraft(repo, planPath, skeleton(source), header);
    if (!checked.plan || !checked.markdown)
      throw new ProblemError(
        `the skeleton for ${source.id} does not pass validation:\n${checked.problems.map((e) => `  - ${e}`).join('\n')}`,
        'fix the feature spec, or draft with a model',
      );
    return { ...base, plan: checked.plan, markdown: checked.markdown, attempts: 0 };
  }
  const prompt = renderPrompt(opts.prompts.load('draft-specscore-plan'), specscorePromptVars(source, file, context));
  let accepted: { plan: Plan; markdown: string } | null = null;
  const result = await generateStructured({
    provider: opts.provider,
    prompts: opts.prompts,
    schema: SpecscorePlanDraftSchema,
    schemaName: 'plan_draft',
    schemaDescription: 'Return the drafted plan.',
    system: prompt.system,
    prompt: prompt.user,
    maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts,
    signal: opts.signal,
    validate: (draft) => {
      const checked = acceptSpecscoreDraft(repo, planPath, draft, header);
      accepted = checked.plan && checked.markdown ? { plan: checked.plan, markdown: checked.markdown } : null;
      return checked.problems;
    },
  });
  const ok = accepted as { plan: Plan; markdown: string } | null;
  if (!ok) throw new ProblemError('internal error: the accepted draft was not kept', 'please report this bug');
  return { ...base, model: result.model, plan: ok.plan, markdown: ok.markdown, attempts: result.attempts.length };
}
