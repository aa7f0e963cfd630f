import { applySuggestionChanges, suggestEffortImpact, type Suggestion } from '../drafting/suggest.js';
import type { Effort, Impact } from '../model/plan.js';
import { openModel, type ModelChoice, type UsageReport } from './llm.js';
import { runOperation } from './unit-of-work.js';
import { openRepo, type WorkspaceOptions } from './workspace.js';

/** Suggest effort and impact for one plan, and optionally write them. */
export interface SuggestRequest extends WorkspaceOptions {
  plan: string;
  /** Write the values into the plan header (draft or in_review plans only). */
  apply?: boolean | undefined;
  /** Values to write instead of the suggestion (with `apply`). */
  values?: { effort?: Effort | undefined; impact?: Impact | undefined } | undefined;
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
  chosen: { effort: Effort; impact: Impact };
  written: string[];
  usage: UsageReport;
}

/**
 * The rule-based estimate with its evidence, the model's view when a provider other than `none`
 * is chosen, and with `apply` the values written into the plan header (surgical edit, index
 * refreshed) as one operation.
 */
export async function suggest(req: SuggestRequest): Promise<SuggestOutcome> {
  const repo = openRepo(req);
  const model = await openModel(repo.config.llm, req.model);
  let suggestion: Suggestion;
  try {
    suggestion = await suggestEffortImpact({ repo, plan: req.plan, provider: model.provider, prompts: model.prompts, signal: req.signal });
  } finally {
    req.onUsage?.(model.usage());
  }
  const chosen = { effort: req.values?.effort ?? suggestion.suggested.effort, impact: req.values?.impact ?? suggestion.suggested.impact };
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
