import { renderPrompt, type PromptSource } from '../generation/prompts.js';
import type { LlmProvider, ProviderName } from '../generation/provider.js';
import { generateStructured } from '../generation/structured.js';
import type { UsageTotals } from '../generation/usage.js';
import { EffortImpactSuggestionSchema } from '../model/draft.js';
import type { Effort, Impact } from '../model/plan.js';
import { ProblemError, UsageError, act } from '../model/errors.js';
import { checkSpecPath } from '../model/paths.js';
import type { SpecRepo } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';
import { estimatePlan, inconsistencies, type Estimate } from '../analysis/estimate.js';
import { setEstimateFields } from '../edit/estimate-fields.js';

/** Effort/impact for one plan: the declared values, the rule-based estimate, the model's view. */
export interface Suggestion {
  plan: string;
  file: string;
  status: string | null;
  declared: { effort: string | null; impact: string | null };
  estimate: Estimate;
  /** The model's argument, or null with the `none` provider. */
  llm: { effort: Effort; impact: Impact; effortReason: string; impactReason: string; provider: ProviderName; model: string } | null;
  /** What applying the suggestion writes: the model's values when present, else the estimate. */
  suggested: { effort: Effort; impact: Impact };
  /** Declared values that contradict the plan. */
  inconsistencies: string[];
  usage: UsageTotals;
}

/** The rule-based estimate with its evidence, as the prompts show it. */
export function estimateText(e: Estimate): string {
  return [`Effort ${e.effort}:`, ...e.evidence.effort.map((x) => `- ${x}`), '', `Impact ${e.impact}:`, ...e.evidence.impact.map((x) => `- ${x}`)].join('\n');
}

/**
 * Suggest effort and impact for a plan. The rule-based estimate is always computed with its
 * evidence; a provider other than `none` may argue for other values (shown alongside). Writes
 * nothing.
 */
export async function suggestEffortImpact(opts: {
  repo: SpecRepo;
  plan: string;
  provider: LlmProvider;
  prompts: PromptSource;
  maxAttempts?: number;
  signal?: AbortSignal;
}): Promise<Suggestion> {
  const planPath = checkSpecPath('plan', opts.plan);
  const entry = opts.repo.plans.get(planPath);
  if (!entry) throw new UsageError(`plan "${planPath}" does not exist`, 'pass a plan path below spec/plans/, e.g. user-auth or billing-roadmap/invoice-pdf');
  const h = entry.parsed.plan.header;
  const declared = { effort: h.effort, impact: h.impact };
  const estimate = estimatePlan(opts.repo, entry);
  let llm: Suggestion['llm'] = null;
  let usage: UsageTotals = { llmCalls: 0, inputTokens: 0, outputTokens: 0 };
  if (opts.provider.name !== 'none') {
    const prompt = renderPrompt(opts.prompts.load('suggest-effort-impact'), {
      plan_path: planPath,
      plan: entry.text.trim(),
      estimate: estimateText(estimate),
      features: estimate.metrics.features.join(', ') || 'none',
    });
    const res = await generateStructured({
      provider: opts.provider,
      prompts: opts.prompts,
      schema: EffortImpactSuggestionSchema,
      schemaName: 'effort_impact',
      schemaDescription: 'Return the effort and impact estimate with reasons.',
      system: prompt.system,
      prompt: prompt.user,
      maxAttempts: opts.maxAttempts ?? opts.repo.config.llm.max_attempts,
      maxTokens: 1_024,
      signal: opts.signal,
    });
    llm = { ...res.value, provider: opts.provider.name, model: res.model };
    usage = res.usage;
  }
  const suggested = llm ? { effort: llm.effort, impact: llm.impact } : { effort: estimate.effort, impact: estimate.impact };
  return {
    plan: planPath,
    file: entry.file,
    status: h.status,
    declared,
    estimate,
    llm,
    suggested,
    inconsistencies: inconsistencies(declared, estimate),
    usage,
  };
}

/**
 * The plan-header change that writes effort/impact (the index tables follow from the lifecycle
 * operation). Only draft and in_review plans may change: approved plans are frozen. Pure.
 */
export function applySuggestionChanges(repo: SpecRepo, planPath: string, values: { effort: Effort; impact: Impact }): FileChange[] {
  const entry = repo.plans.get(planPath);
  if (!entry) throw new UsageError(`plan "${planPath}" does not exist`);
  const status = entry.parsed.plan.header.status;
  if (status !== 'draft' && status !== 'in_review') {
    throw new ProblemError(
      `plan "${planPath}" is ${status ?? 'without a status'}; effort and impact are written only to draft or in_review plans`,
      status === 'approved'
        ? 'approved plans are frozen: supersede the plan to change its estimates'
        : ['set the plan back to draft first (', act({ do: 'transition', transition: 'revise', plan: planPath }), ')'],
    );
  }
  const text = setEstimateFields(entry.text, values);
  return text === entry.text ? [] : [{ file: entry.file, content: text, before: entry.text }];
}
