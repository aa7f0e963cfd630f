import { acceptDraft, rejectedDraftProblems } from '../lint/acceptance.js';
import { renderPrompt, type PromptSource } from '../generation/prompts.js';
import type { LlmProvider } from '../generation/provider.js';
import { generateStructured } from '../generation/structured.js';
import type { UsageTotals } from '../generation/usage.js';
import { PlanDraftSchema, type DraftHeader } from '../model/draft.js';
import type { Plan } from '../model/plan.js';
import { ProblemError } from '../model/errors.js';
import type { SpecRepo } from '../model/repository.js';
import { FORMAT_NAMES } from './build-plan.js';
import type { ImportDraft } from './types.js';

/** Largest source sent to the model, in characters (about 30k tokens). */
const MAX_SOURCE_CHARS = 120_000;

/** A plan drafted from prose, with how it was obtained. */
export interface ProseImport {
  plan: Plan;
  markdown: string;
  model: string;
  attempts: number;
  usage: UsageTotals;
}

/** What the deterministic pass found, as a short list for the prompt. */
function mappedSummary(draft: ImportDraft): string {
  const lines: string[] = [];
  if (draft.title) lines.push(`- Title: ${draft.title}`);
  if (draft.context.length) lines.push(`- Context: ${draft.context.join(' ').replace(/\s+/g, ' ').slice(0, 2000)}`);
  for (const c of draft.acceptanceCriteria) lines.push(`- Acceptance criterion: ${c.replace(/\s+/g, ' ')}`);
  for (const r of draft.risks) lines.push(`- Risk or decision: ${r.replace(/\s+/g, ' ')}`);
  for (const q of draft.questions) lines.push(`- Open question: ${q.replace(/\s+/g, ' ')}`);
  return lines.length ? lines.join('\n') : '- (nothing: the source is prose only)';
}

/**
 * Draft the plan from a prose-only source with an LLM, validated and repaired exactly like
 * a draft (schema, structure, render → parse back, lint; the errors go back to the
 * model up to `maxAttempts`). Throws StructuredOutputError (exit 1) when no attempt is valid.
 */
export async function importProse(opts: {
  repo: SpecRepo;
  planPath: string;
  header: DraftHeader;
  source: string;
  draft: ImportDraft;
  provider: LlmProvider;
  prompts: PromptSource;
  maxAttempts: number;
  signal?: AbortSignal;
}): Promise<ProseImport> {
  if (opts.source.length > MAX_SOURCE_CHARS) {
    throw new ProblemError(
      `the source is ${opts.source.length} characters; at most ${MAX_SOURCE_CHARS} are sent to the model`,
      'split the document, or give it the structure the importer reads (numbered steps) so no model is needed',
    );
  }
  const prompt = renderPrompt(opts.prompts.load('import-plan'), {
    format_name: FORMAT_NAMES[opts.draft.format],
    plan_path: opts.planPath,
    source: opts.source,
    mapped: mappedSummary(opts.draft),
  });
  let accepted: { plan: Plan; markdown: string } | null = null;
  const result = await generateStructured({
    provider: opts.provider,
    prompts: opts.prompts,
    schema: PlanDraftSchema,
    schemaName: 'plan_draft',
    schemaDescription: 'Return the converted development plan.',
    system: prompt.system,
    prompt: prompt.user,
    maxAttempts: opts.maxAttempts,
    signal: opts.signal,
    schemaProblems: (raw, issues) => rejectedDraftProblems(raw, issues, opts.header),
    validate: (value) => {
      const checked = acceptDraft(opts.repo, opts.planPath, value, opts.header);
      accepted = checked.plan && checked.markdown ? { plan: checked.plan, markdown: checked.markdown } : null;
      return checked.problems;
    },
  });
  const ok = accepted as { plan: Plan; markdown: string } | null;
  if (!ok) throw new ProblemError('internal error: the accepted draft was not kept', 'please report this bug');
  return { ...ok, model: result.model, attempts: result.attempts.length, usage: result.usage };
}
