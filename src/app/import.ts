import { convertImport, type ConvertedPlan, type ImportRequest } from '../interop/import-plan.js';
import { mergeLedger } from '../interop/ledger-merge.js';
import { planCreation } from '../lifecycle/create-plan.js';
import { planFile } from '../model/repository.js';
import { LEDGER_FILE } from '../repo/execution.js';
import { loadRepo } from '../repo/load-repo.js';
import { readIfPresent, refusalError } from '../repo/refusal.js';
import { READ_LIMITS } from '../repo/safe-read.js';
import { openModel, type ModelChoice, type OpenedModel, type UsageReport } from './llm.js';
import { runOperation, type OperationOutcome } from './unit-of-work.js';

export { ImportProblem } from '../interop/import-plan.js';
/** The document to import (a path relative to the current directory; it may lie outside the root). */
export { readSourceFile as readImportSource } from '../repo/source-file.js';

/** What to import, from where, as which plan. */
export interface ImportPlanOptions extends Omit<ImportRequest, 'repo' | 'llm'> {
  root: string;
  dryRun?: boolean | undefined;
  /** The model for prose-only input, opened only when the source needs one. */
  model?: ModelChoice | undefined;
  /** Called with the usage when a model was opened, also when the import fails. */
  onUsage?: ((usage: UsageReport) => void) | undefined;
}

/** The imported plan and what the import did. */
export interface ImportPlanResult extends Omit<ConvertedPlan, 'planPath' | 'plan'> {
  plan: string;
  file: string;
  title: string;
  dryRun: boolean;
  /** Files written (empty on a dry run). */
  written: string[];
  /** Every file the import changes (plan, index, back-references, ledger), sorted. */
  changed: string[];
  steps: number;
  subSteps: number;
  acceptanceCriteria: number;
}

/**
 * Import a plan written in a neighbouring format as a draft SpecScore plan (converted and
 * accepted by the core), then create it like a new plan (index, feature back-references,
 * proposal forward link, roadmap row) with the source's progress merged into the ledger, all in
 * one journaled write. Nothing is written when anything fails.
 */
export async function importPlan(opts: ImportPlanOptions): Promise<ImportPlanResult> {
  const repo = loadRepo(opts.root);
  let opened: OpenedModel | null = null;
  let converted: ConvertedPlan;
  try {
    converted = await convertImport({ ...opts, repo, llm: opts.model ? async () => (opened = await openModel(repo.config.llm, opts.model)) : undefined });
  } finally {
    const model = opened as OpenedModel | null;
    if (model) opts.onUsage?.(model.usage());
  }
  if (repo.format?.format === 'specscore') {
    const { importIntoSpecscoreRepo } = await import('./import-specscore.js');
    const done = await importIntoSpecscoreRepo({
      root: opts.root,
      repo,
      converted,
      source: opts.source,
      from: opts.from,
      sourceLabel: opts.sourceLabel,
      today: opts.today,
      dryRun: opts.dryRun === true,
    });
    return importResult({ ...converted, lint: done.lint }, done.file, done.markdown, done.outcome, opts.dryRun === true, done.notes);
  }
  const { planPath, markdown, ledger } = converted;
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
  return importResult(converted, planFile(planPath), markdown, outcome, opts.dryRun === true, outcome.result.notes);
}

/** The import report: what was converted, where it went, what changed. */
function importResult(
  converted: ConvertedPlan,
  file: string,
  markdown: string,
  outcome: OperationOutcome<unknown>,
  dryRun: boolean,
  notes: readonly string[],
): ImportPlanResult {
  const { planPath, plan, ...rest } = converted;
  const steps = plan.steps ?? [];
  return {
    ...rest,
    markdown,
    plan: planPath,
    file,
    title: plan.title,
    dryRun,
    written: outcome.written,
    changed: outcome.changes.map((c) => c.file),
    steps: steps.length,
    subSteps: steps.reduce((n, s) => n + s.subSteps.length, 0),
    acceptanceCriteria: plan.acceptanceCriteria?.length ?? 0,
    notes: [...rest.notes, ...notes],
  };
}
