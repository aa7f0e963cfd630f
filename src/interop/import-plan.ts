import { defaultSlug, draftHeader, draftPlanPath, resolveSource, type DraftSource } from '../drafting/source.js';
import type { PromptSource } from '../generation/prompts.js';
import type { LlmProvider, ProviderName } from '../generation/provider.js';
import type { UsageTotals } from '../generation/usage.js';
import { acceptPlan } from '../lint/acceptance.js';
import { inlineProblems } from '../lint/problem-wording.js';
import { lintPlanText, type LintResult } from '../lint/index.js';
import { act, ProblemError, type Hint } from '../model/errors.js';
import type { ImportFormat } from '../model/interop-formats.js';
import type { Plan } from '../model/plan.js';
import type { SpecRepo } from '../model/repository.js';
import { planFromImport, titleFromFileName } from './build-plan.js';
import { slugify } from './draft-helpers.js';
import { importExecPlan } from './import-execplan.js';
import { importExecutionPlan } from './import-execution-plan.js';
import { importProse } from './import-prose.js';
import { importSpeckit } from './import-speckit.js';
import type { LedgerEntry } from './ledger-merge.js';
import type { ImportDraft, Unmapped } from './types.js';

/** The pure readers, by format. */
const IMPORTERS: Record<ImportFormat, (text: string) => ImportDraft> = {
  execplan: importExecPlan,
  speckit: importSpeckit,
  'execution-plan': importExecutionPlan,
};

/** Thrown when nothing could be imported; carries what was (and was not) mapped for the report. */
export class ImportProblem extends ProblemError {
  constructor(
    message: string,
    hint: string | Hint,
    readonly unmapped: Unmapped[],
    readonly notes: string[],
  ) {
    super(message, hint);
  }
}

/** What to convert, from where, as which plan. */
export interface ImportRequest {
  repo: SpecRepo;
  /** The source document. */
  text: string;
  /** How the source is named in messages and in the plan's Context (root-relative path or file name); '' when it has no name. */
  sourceLabel: string;
  /** Title when the source has none (default: from the source's file name, else the feature's title). */
  fallbackTitle?: string | undefined;
  from: ImportFormat;
  source: DraftSource;
  slug?: string | undefined;
  parent?: string | null | undefined;
  author?: string | undefined;
  today: string;
  /**
   * The model for prose-only input (no steps the importer can map), asked for only when needed so
   * a structured import never depends on LLM settings; the `none` provider or absent: no model.
   */
  llm?: (() => Promise<{ provider: LlmProvider; prompts: PromptSource }>) | undefined;
  maxAttempts?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A converted plan, accepted, with everything the import report shows. */
export interface ConvertedPlan {
  planPath: string;
  plan: Plan;
  markdown: string;
  /** Ledger entries from the source's progress checkboxes. */
  ledger: LedgerEntry[];
  unmapped: Unmapped[];
  notes: string[];
  lint: LintResult;
  /** How the steps were obtained: `structure` (deterministic) or the LLM provider that drafted them. */
  mappedBy: 'structure' | ProviderName;
  model: string | null;
  usage: UsageTotals;
}

function planSlug(opts: ImportRequest, draft: ImportDraft, title: string, fallback: string): string {
  if (opts.slug) return opts.slug;
  const fromSource = draft.slug ? slugify(draft.slug) : '';
  return fromSource || slugify(title) || fallback;
}

/**
 * Convert a plan written in a neighbouring format into a draft SpecScore plan: read it
 * (deterministically, or with the model for prose-only input) and accept it like any plan
 * (step graph, render → parse back, lint in the repository). Throws ImportProblem, carrying what
 * was and was not mapped, when nothing can be imported. Writes nothing.
 */
export async function convertImport(opts: ImportRequest): Promise<ConvertedPlan> {
  const { repo } = opts;
  const draft = IMPORTERS[opts.from](opts.text);
  const unmapped = [...draft.unmapped].sort((a, b) => a.line - b.line || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const notes = [...new Set(draft.notes)];
  const source = resolveSource(repo, opts.source);
  const fallback =
    opts.fallbackTitle || (opts.sourceLabel ? titleFromFileName(opts.sourceLabel) : `${source.feature.parsed.feature.title || source.feature.path} plan`);
  const title = (draft.title ?? '').trim() || fallback;
  const planPath = draftPlanPath(repo, planSlug(opts, draft, title, defaultSlug(source)), opts.parent ?? null);
  const header = draftHeader(planPath, source, opts.author ?? draft.author ?? '@specplan', opts.today);

  let plan: Plan;
  let mappedBy: ConvertedPlan['mappedBy'] = 'structure';
  let model: string | null = null;
  let usage: UsageTotals = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  const llm = draft.steps.length === 0 && opts.llm ? await opts.llm() : null;
  if (draft.steps.length) {
    plan = planFromImport(draft, header, { fallbackTitle: title, sourceLabel: opts.sourceLabel, today: opts.today });
  } else if (llm && llm.provider.name !== 'none') {
    const name = llm.provider.name;
    const prose = await importProse({
      repo,
      planPath,
      header,
      source: opts.text,
      draft,
      provider: llm.provider,
      prompts: llm.prompts,
      maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts,
      signal: opts.signal,
    });
    plan = {
      ...prose.plan,
      context: `${prose.plan.context}\n\nImported${opts.sourceLabel ? ` from \`${opts.sourceLabel}\`` : ''} with ${name} (${prose.model}) on ${opts.today}; review it against the source.`,
    };
    mappedBy = name;
    model = prose.model;
    usage = prose.usage;
    notes.push(
      `the source has no steps the importer can read, so ${name} drafted them from its prose (${prose.attempts} attempt${prose.attempts === 1 ? '' : 's'})`,
    );
  } else {
    throw new ImportProblem(
      `${opts.sourceLabel || 'the source'} has no steps the ${opts.from} importer can map (${notes.join('; ') || 'no step structure found'}), so no plan was written`,
      [
        'add numbered steps to the source, or import with an LLM provider (',
        act({ do: 'option', name: 'provider', value: 'anthropic|openai' }),
        ', or ANTHROPIC_API_KEY / OPENAI_API_KEY set) to draft steps from its prose',
      ],
      unmapped,
      notes,
    );
  }

  const accepted = acceptPlan(repo, planPath, plan);
  if (!accepted.markdown) {
    throw new ImportProblem(
      `the imported plan has ${accepted.problems.length} problem${accepted.problems.length > 1 ? 's' : ''}: ${inlineProblems(accepted.problems)}; nothing was written`,
      [
        'fix the source (or choose another ',
        act({ do: 'option', name: 'slug' }),
        ' or ',
        act({ do: 'option', name: 'feature' }),
        ') and import again; a dry run shows the plan',
      ],
      unmapped,
      notes,
    );
  }
  if (!plan.acceptanceCriteria?.length)
    notes.push("the source has no success or acceptance criteria; the plan's Acceptance criteria section is empty: add criteria before review");
  const updated = draft.progressDate && draft.progressDate <= opts.today ? draft.progressDate : opts.today;
  const ledger: LedgerEntry[] =
    mappedBy === 'structure'
      ? draft.progress.map((p) => ({ id: p.externalId ?? `${planPath}#${p.step}`, plan: planPath, step: p.step, status: p.status, updated }))
      : [];
  return {
    planPath,
    plan,
    markdown: accepted.markdown,
    ledger,
    unmapped,
    notes,
    lint: lintPlanText(repo, planPath, accepted.markdown),
    mappedBy,
    model,
    usage,
  };
}
