import { defaultSlug, draftHeader, draftPlanPath, resolveSource, type DraftSource } from '../drafting/source.js';
import type { ProviderName } from '../generation/provider.js';
import type { UsageTotals } from '../generation/usage.js';
import { planCreation } from '../lifecycle/create-plan.js';
import { acceptPlan, inlineProblems } from '../lint/acceptance.js';
import { lintPlanText, type LintResult } from '../lint/index.js';
import type { Plan } from '../model/plan.js';
import { act, ProblemError, type Hint } from '../model/errors.js';
import { planFile } from '../model/repository.js';
import { LEDGER_FILE } from '../repo/execution.js';
import { loadRepo } from '../repo/load.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import { planFromImport, titleFromFileName } from '../interop/build-plan.js';
import { slugify } from '../interop/draft-helpers.js';
import { importExecPlan } from '../interop/import-execplan.js';
import { importExecutionPlan } from '../interop/import-execution-plan.js';
import { importProse } from '../interop/import-prose.js';
import { importSpeckit } from '../interop/import-speckit.js';
import { mergeLedger, type LedgerEntry } from '../interop/ledger-merge.js';
import type { ImportFormat } from '../model/interop-formats.js';
import type { ImportDraft, Unmapped } from '../interop/types.js';
import { openModel, type ModelChoice, type UsageReport } from './llm.js';
import { runOperation } from './unit-of-work.js';

/** The pure readers, by format. */
const IMPORTERS: Record<ImportFormat, (text: string) => ImportDraft> = {
  execplan: importExecPlan,
  speckit: importSpeckit,
  'execution-plan': importExecutionPlan,
};

/** What to import, from where, as which plan. */
export interface ImportPlanOptions {
  root: string;
  /** The source document. */
  text: string;
  /** How the source is named in messages and in the plan's Context (root-relative path or file name); '' when it has no name. */
  sourceLabel: string;
  /** Title when the source has none (default: from the source's file name). */
  fallbackTitle?: string | undefined;
  from: ImportFormat;
  source: DraftSource;
  slug?: string | undefined;
  parent?: string | null | undefined;
  author?: string | undefined;
  today: string;
  dryRun?: boolean | undefined;
  /**
   * The LLM for prose-only input (no steps the importer can map), opened only when needed so a
   * structured import never depends on LLM settings; the `none` provider or absent: no LLM.
   */
  model?: ModelChoice | undefined;
  /** Called with the usage when a model was opened, also when the import fails. */
  onUsage?: ((usage: UsageReport) => void) | undefined;
  maxAttempts?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** The imported plan and what the import did. */
export interface ImportPlanResult {
  plan: string;
  file: string;
  title: string;
  dryRun: boolean;
  /** Files written (empty on a dry run). */
  written: string[];
  /** Every file the import changes (plan, index, back-references, ledger), sorted. */
  changed: string[];
  markdown: string;
  steps: number;
  subSteps: number;
  acceptanceCriteria: number;
  /** Ledger entries from the source's progress checkboxes, merged into `.specscore/work-items.yaml`. */
  ledger: LedgerEntry[];
  unmapped: Unmapped[];
  notes: string[];
  lint: LintResult;
  /** How the steps were obtained: `structure` (deterministic) or the LLM provider that drafted them. */
  mappedBy: 'structure' | ProviderName;
  model: string | null;
  usage: UsageTotals;
}

/** Thrown when nothing could be imported; carries what was (and was not) mapped for the report. */
export class ImportProblem extends ProblemError {
  constructor(message: string, hint: string | Hint, readonly unmapped: Unmapped[], readonly notes: string[]) {
    super(message, hint);
  }
}

function planSlug(opts: ImportPlanOptions, draft: ImportDraft, title: string, fallback: string): string {
  if (opts.slug) return opts.slug;
  const fromSource = draft.slug ? slugify(draft.slug) : '';
  return fromSource || slugify(title) || fallback;
}

/**
 * Import a plan written in a neighbouring format as a draft SpecScore plan: read it
 * (deterministically, or with the LLM for prose-only input), render, check that it reads back,
 * lint it in the repository (the acceptance pipeline), then create it like a new plan (index, feature
 * back-references, proposal forward link, roadmap row) with the source's progress merged into
 * the ledger, all in one journaled write. Nothing is written when anything fails.
 */
export async function importPlan(opts: ImportPlanOptions): Promise<ImportPlanResult> {
  const draft = IMPORTERS[opts.from](opts.text);
  const unmapped = [...draft.unmapped].sort((a, b) => a.line - b.line || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const notes = [...new Set(draft.notes)];
  const repo = loadRepo(opts.root);
  const source = resolveSource(repo, opts.source);
  const title = (draft.title ?? '').trim() || opts.fallbackTitle || titleFromFileName(opts.sourceLabel || 'imported plan');
  const planPath = draftPlanPath(repo, planSlug(opts, draft, title, defaultSlug(source)), opts.parent ?? null);
  const header = draftHeader(planPath, source, opts.author ?? draft.author ?? '@specplan', opts.today);
  const provenance = { fallbackTitle: title, sourceLabel: opts.sourceLabel, today: opts.today };

  let plan: Plan;
  let mappedBy: ImportPlanResult['mappedBy'] = 'structure';
  let model: string | null = null;
  let usage: UsageTotals = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  const llm = draft.steps.length === 0 && opts.model ? await openModel(repo.config.llm, opts.model) : null;
  try {
    if (draft.steps.length) {
      plan = planFromImport(draft, header, provenance);
    } else if (llm && llm.provider.name !== 'none') {
      const name = llm.provider.name;
      const prose = await importProse({ repo, planPath, header, source: opts.text, draft, provider: llm.provider, prompts: llm.prompts, maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts, signal: opts.signal });
      plan = { ...prose.plan, context: `${prose.plan.context}\n\nImported${opts.sourceLabel ? ` from \`${opts.sourceLabel}\`` : ''} with ${name} (${prose.model}) on ${opts.today}; review it against the source.` };
      mappedBy = name;
      model = prose.model;
      usage = prose.usage;
      notes.push(`the source has no steps the importer can read, so ${name} drafted them from its prose (${prose.attempts} attempt${prose.attempts === 1 ? '' : 's'})`);
    } else {
      throw new ImportProblem(
        `${opts.sourceLabel || 'the source'} has no steps the ${opts.from} importer can map (${notes.join('; ') || 'no step structure found'}), so no plan was written`,
        ['add numbered steps to the source, or import with an LLM provider (', act({ do: 'option', name: 'provider', value: 'anthropic|openai' }), ', or ANTHROPIC_API_KEY / OPENAI_API_KEY set) to draft steps from its prose'],
        unmapped,
        notes,
      );
    }
  } finally {
    if (llm) opts.onUsage?.(llm.usage());
  }

  const accepted = acceptPlan(repo, planPath, plan);
  if (!accepted.markdown) {
    throw new ImportProblem(
      `the imported plan has ${accepted.problems.length} problem${accepted.problems.length > 1 ? 's' : ''}: ${inlineProblems(accepted.problems)}; nothing was written`,
      ['fix the source (or choose another ', act({ do: 'option', name: 'slug' }), ' or ', act({ do: 'option', name: 'feature' }), ') and import again; a dry run shows the plan'],
      unmapped,
      notes,
    );
  }
  const markdown = accepted.markdown;
  if (!plan.acceptanceCriteria?.length) notes.push('the source has no success or acceptance criteria; the plan\'s Acceptance criteria section is empty: add criteria before review');
  const lint = lintPlanText(repo, planPath, markdown);

  const updated = draft.progressDate && draft.progressDate <= opts.today ? draft.progressDate : opts.today;
  const ledger: LedgerEntry[] = mappedBy === 'structure' ? draft.progress.map((p) => ({ id: p.externalId ?? `${planPath}#${p.step}`, plan: planPath, step: p.step, status: p.status, updated })) : [];

  const outcome = await runOperation(
    opts.root,
    (ctx) => {
      const op = planCreation(ctx, { plan: planPath, document: markdown, proposal: opts.source.kind === 'proposal' ? opts.source.proposal : null });
      if (ledger.length) {
        const read = readIfPresent(ctx.root, LEDGER_FILE, READ_LIMITS.ledger);
        if (read && !read.ok) throw refusalError(LEDGER_FILE, read.refusal);
        const before = read ? read.bytes.toString('utf8') : null;
        op.changes.push({ file: LEDGER_FILE, content: mergeLedger(LEDGER_FILE, before, ledger), before });
      }
      return op;
    },
    { today: opts.today, dryRun: opts.dryRun === true },
  );
  notes.push(...outcome.result.notes);

  const steps = plan.steps ?? [];
  return {
    plan: planPath,
    file: planFile(planPath),
    title: plan.title,
    dryRun: opts.dryRun === true,
    written: outcome.written,
    changed: outcome.changes.map((c) => c.file),
    markdown,
    steps: steps.length,
    subSteps: steps.reduce((n, s) => n + s.subSteps.length, 0),
    acceptanceCriteria: plan.acceptanceCriteria?.length ?? 0,
    ledger,
    unmapped,
    notes,
    lint,
    mappedBy,
    model,
    usage,
  };
}

/** The document to import (a path relative to the current directory; it may lie outside the root). */
export { readSourceFile as readImportSource } from '../repo/source-file.js';
