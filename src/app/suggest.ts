import {
  applySuggestionChanges,
  checkEstimateWritable,
  chooseEstimate,
  suggestEffortImpact,
  type ChosenEstimate,
  type Suggestion,
} from '../drafting/suggest.js';
import { estimatePlan } from '../analysis/estimate.js';
import { checkSpecPath } from '../model/paths.js';
import type { Effort, Impact } from '../model/plan.js';
import { openModel, type ModelChoice, type UsageReport } from './llm.js';
import { runOperation } from './unit-of-work.js';
import { openRepo, type WorkspaceOptions } from './workspace.js';

/** Values the user chose explicitly; each one is written as given. */
interface EstimateOverrides {
  effort?: Effort | undefined;
  impact?: Impact | undefined;
}

/** Suggest effort and impact for one plan, and optionally write them. */
export interface SuggestRequest extends WorkspaceOptions {
  plan: string;
  /** Write the suggested values (or the overrides) into the plan header (draft or in_review plans only). */
  apply?: boolean | undefined;
  /** Values to write instead of the suggestion (with `apply`). */
  values?: EstimateOverrides | undefined;
  /** With `apply`: report the files that would be written, write nothing. */
  dryRun?: boolean | undefined;
  today: string;
  model?: ModelChoice | undefined;
  /** Called with the usage when the suggestion ends, also when it fails. */
  onUsage?: ((usage: UsageReport) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** The suggestion, the values written (with `apply`) and the files written. */
export interface SuggestOutcome {
  suggestion: Suggestion;
  chosen: ChosenEstimate;
  written: string[];
  usage: UsageReport;
}

/**
 * The rule-based estimate with its evidence, the model's view when a provider other than `none`
 * is chosen, and with `apply` the suggested values (model values only where they are consistent
 * with the plan; explicit overrides as given, named when they contradict it) written into the
 * plan header as one operation. A plan that may not be written is refused before the model is
 * asked.
 */
export async function suggest(req: SuggestRequest): Promise<SuggestOutcome> {
  const repo = await openRepo(req);
  if (req.apply) checkEstimateWritable(repo, checkSpecPath('plan', req.plan));
  const model = await openModel(repo.config.llm, req.model);
  let suggestion: Suggestion;
  try {
    suggestion = await suggestEffortImpact({ repo, plan: req.plan, provider: model.provider, prompts: model.prompts, signal: req.signal });
  } finally {
    req.onUsage?.(model.usage());
  }
  const chosen = chooseEstimate(suggestion.suggested, suggestion.estimate, req.values ?? {});
  let written: string[] = [];
  if (req.apply) {
    const outcome = await runOperation(repo.root, (ctx) => ({ changes: applySuggestionChanges(ctx.repo, suggestion.plan, chosen), result: null }), {
      today: req.today,
      dryRun: req.dryRun === true,
    });
    written = (req.dryRun ? outcome.changes.map((c) => c.file) : [...outcome.written]).sort();
  }
  return { suggestion, chosen, written, usage: model.usage() };
}

/** Write accepted effort/impact values into a plan header; never asks a model. */
export interface ApplyEstimateRequest extends WorkspaceOptions {
  plan: string;
  values: EstimateOverrides;
  today: string;
  dryRun?: boolean | undefined;
}

/** What was (or would be, with `dryRun`) written. */
export interface ApplyEstimateOutcome {
  plan: string;
  declared: { effort: string | null; impact: string | null };
  chosen: ChosenEstimate;
  /** Files written, or that would be written with `dryRun`. */
  written: string[];
}

/**
 * Write exactly the values the user accepted: each explicit value as given; a field not given
 * keeps its declared value when that is consistent with the plan, else gets the rule-based
 * estimate. No model is asked, so the result never differs from what the user saw.
 */
export async function applyEstimate(req: ApplyEstimateRequest): Promise<ApplyEstimateOutcome> {
  const repo = await openRepo(req);
  const planPath = checkSpecPath('plan', req.plan);
  checkEstimateWritable(repo, planPath);
  const entry = repo.plans.get(planPath)!;
  const declared = { effort: entry.parsed.plan.header.effort, impact: entry.parsed.plan.header.impact };
  const chosen = chooseEstimate(declared, estimatePlan(repo, entry), req.values);
  const outcome = await runOperation(repo.root, (ctx) => ({ changes: applySuggestionChanges(ctx.repo, planPath, chosen), result: null }), {
    today: req.today,
    dryRun: req.dryRun === true,
  });
  const files = req.dryRun ? outcome.changes.map((c) => c.file) : outcome.written;
  return { plan: planPath, declared, chosen, written: [...files].sort() };
}
