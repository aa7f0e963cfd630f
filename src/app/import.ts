import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSlug, draftHeader, draftPlanPath, resolveSource, type DraftSource } from '../drafting/source.js';
import { planCreation } from '../lifecycle/create-plan.js';
import { runOperation } from './unit-of-work.js';
import { lintPlanText, type LintResult } from '../lint/index.js';
import type { LlmProvider, ProviderName } from '../llm/provider.js';
import type { UsageTotals } from '../llm/usage.js';
import type { Plan } from '../model/plan.js';
import { allSteps } from '../model/plan.js';
import { parsePlan } from '../parse/plan.js';
import { renderPlan } from '../render/plan.js';
import { ProblemError } from '../model/errors.js';
import { LEDGER_FILE } from '../repo/execution.js';
import { loadRepo } from '../repo/load.js';
import { planFile } from '../model/repository.js';
import { planFromImport, titleFromFileName } from '../interop/build-plan.js';
import { slugify } from '../interop/draft-helpers.js';
import { importExecPlan } from '../interop/import-execplan.js';
import { importExecutionPlan } from '../interop/import-execution-plan.js';
import { importProse } from '../interop/import-prose.js';
import { importSpeckit } from '../interop/import-speckit.js';
import { mergeLedger, type LedgerEntry } from '../interop/ledger-merge.js';
import type { ImportDraft, ImportFormat, Unmapped } from '../interop/types.js';

/** The pure readers, by format. */
export const IMPORTERS: Record<ImportFormat, (text: string) => ImportDraft> = {
  execplan: importExecPlan,
  speckit: importSpeckit,
  'execution-plan': importExecutionPlan,
};

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
   * The LLM for prose-only input (no steps the importer can map), created only when needed so a
   * structured import never depends on LLM settings; a `none` provider or absent: no LLM.
   */
  provider?: (() => Promise<LlmProvider>) | undefined;
  maxAttempts?: number | undefined;
  signal?: AbortSignal | undefined;
}

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
  constructor(message: string, hint: string, readonly unmapped: Unmapped[], readonly notes: string[]) {
    super(message, hint);
  }
}

/** The parts of a plan that must read back exactly: numbers, titles, dependencies, criteria, artifacts. */
function structureOf(plan: Plan): string {
  return JSON.stringify({
    criteria: plan.acceptanceCriteria,
    steps: allSteps(plan).map((s) => [s.number, s.title, s.dependsOn ?? [], s.acceptanceCriteria, s.produces]),
  });
}

function planSlug(opts: ImportPlanOptions, draft: ImportDraft, title: string, fallback: string): string {
  if (opts.slug) return opts.slug;
  const fromSource = draft.slug ? slugify(draft.slug) : '';
  return fromSource || slugify(title) || fallback;
}

/**
 * Import a plan written in a neighbouring format as a draft SpecScore plan: read it
 * (deterministically, or with the LLM for prose-only input), render, check that it reads back,
 * lint it in the repository, then create it exactly like `specplan new` (index, feature
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
  let markdown: string;
  let mappedBy: ImportPlanResult['mappedBy'] = 'structure';
  let model: string | null = null;
  let usage: UsageTotals = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  const llm = draft.steps.length === 0 && opts.provider ? await opts.provider() : null;
  if (draft.steps.length) {
    plan = planFromImport(draft, header, provenance);
    markdown = renderPlan(plan);
  } else if (llm && llm.name !== 'none') {
    const prose = await importProse({ repo, planPath, header, source: opts.text, draft, provider: llm, maxAttempts: opts.maxAttempts ?? repo.config.llm.max_attempts, signal: opts.signal });
    plan = { ...prose.plan, context: `${prose.plan.context}\n\nImported${opts.sourceLabel ? ` from \`${opts.sourceLabel}\`` : ''} with ${llm.name} (${prose.model}) on ${opts.today}; review it against the source.` };
    markdown = renderPlan(plan);
    mappedBy = llm.name;
    model = prose.model;
    usage = prose.usage;
    notes.push(`the source has no steps the importer can read, so ${llm.name} drafted them from its prose (${prose.attempts} attempt${prose.attempts === 1 ? '' : 's'})`);
  } else {
    throw new ImportProblem(
      `${opts.sourceLabel || 'the source'} has no steps the ${opts.from} importer can map (${notes.join('; ') || 'no step structure found'}), so no plan was written`,
      'add numbered steps to the source, or run with an LLM provider (--provider anthropic|openai, or ANTHROPIC_API_KEY / OPENAI_API_KEY set) to draft steps from its prose',
      unmapped,
      notes,
    );
  }

  const back = parsePlan(markdown).plan;
  if (structureOf(back) !== structureOf(plan)) {
    throw new ProblemError(`the imported plan does not read back as written (steps or criteria change when parsed); nothing was written`, 'simplify the source text of the steps (no "**Field:**" lines or headings inside items) and run the import again');
  }
  if (!plan.acceptanceCriteria?.length) notes.push('the source has no success or acceptance criteria; the plan\'s Acceptance criteria section is empty: add criteria before review');

  const lint = lintPlanText(repo, planPath, markdown);
  const errors = lint.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new ImportProblem(
      `the imported plan has ${errors.length} lint error${errors.length > 1 ? 's' : ''}: ${errors.slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`).join('; ')}; nothing was written`,
      'fix the source (or pass --slug/--feature) and import again; `--dry-run` shows the plan',
      unmapped,
      notes,
    );
  }

  const updated = draft.progressDate && draft.progressDate <= opts.today ? draft.progressDate : opts.today;
  const ledger: LedgerEntry[] = mappedBy === 'structure' ? draft.progress.map((p) => ({ id: p.externalId ?? `${planPath}#${p.step}`, plan: planPath, step: p.step, status: p.status, updated })) : [];

  const outcome = await runOperation(
    opts.root,
    (ctx) => {
      const op = planCreation(ctx, { plan: planPath, document: markdown, proposal: opts.source.kind === 'proposal' ? opts.source.proposal : null });
      if (ledger.length) {
        const abs = path.join(ctx.root, LEDGER_FILE);
        const before = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
        op.changes.push({ file: LEDGER_FILE, content: mergeLedger(before, ledger), before });
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
