import type { LlmProvider } from '../generation/provider.js';
import type { PromptSource } from '../generation/prompts.js';
import type { UsageTotals } from '../generation/usage.js';
import type { PlanningConfig } from '../model/config.js';
import type { SamplingFn } from '../llm/sampling.js';
import { promptFiles } from '../repo/prompt-files.js';

export type { SamplingFn } from '../llm/sampling.js';
export { PROVIDER_CHOICES } from '../model/config-defaults.js';

/** Which model a face asks for: the `--provider`/`--model` flags (or tool arguments) and the MCP client's sampling. */
export interface ModelChoice {
  provider?: string | undefined;
  model?: string | undefined;
  /** The MCP client's own model (sampling/createMessage), when it offers one. */
  sampling?: SamplingFn | undefined;
  /** Keys and limits (`ANTHROPIC_API_KEY`, `SPECPLAN_LLM_*`, …); default the process environment. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Called before each call to the model (progress notifications), with the call's number. */
  beforeCall?: ((call: number, provider: string) => Promise<void>) | undefined;
}

/** The usage of every call a use-case made, for the faces to show. */
export interface UsageReport {
  totals: UsageTotals;
  /** True when some counts are estimates (sampling reports none). */
  estimated: boolean;
  /** Non-native ways the JSON was obtained (`json_object`, `extracted from chat text`), if any. */
  outputModes?: string[];
}

/** A model ready for the capabilities: provider, prompt templates and the usage so far. */
export interface OpenedModel {
  provider: LlmProvider;
  prompts: PromptSource;
  usage(): UsageReport;
}

/** No model was opened: no calls, nothing used. */
export const NO_USAGE: UsageReport = { totals: { llmCalls: 0, inputTokens: 0, outputTokens: 0 }, estimated: false };

/**
 * Open the chosen provider (flags over `planning.llm`, keys from the environment, sampling inside
 * the MCP server) with its limits and usage tracking, and the package's prompt templates. Only
 * the chosen SDK is loaded.
 */
export async function openModel(config: PlanningConfig['llm'], choice: ModelChoice = {}): Promise<OpenedModel> {
  const { createProvider } = await import('../llm/select.js');
  const selected = await createProvider({
    flag: choice.provider,
    model: choice.model,
    config,
    sampling: choice.sampling,
    ...(choice.env ? { env: choice.env } : {}),
  });
  let provider = selected.provider;
  const before = choice.beforeCall;
  if (before) {
    const inner = provider;
    let calls = 0;
    provider = {
      name: inner.name,
      model: inner.model,
      async complete(req) {
        calls++;
        await before(calls, inner.name);
        return inner.complete(req);
      },
    };
  }
  return {
    provider,
    prompts: promptFiles(),
    usage: () => ({ totals: selected.usage.totals(), estimated: selected.usage.estimated, outputModes: selected.usage.outputModes }),
  };
}

/**
 * The provider a choice resolves to, without loading any SDK: `none` when no model is available
 * (no key, no sampling, or `none` chosen).
 */
export async function chosenProvider(config: PlanningConfig['llm'], choice: ModelChoice = {}): Promise<string> {
  const { resolveProviderName } = await import('../llm/select.js');
  return resolveProviderName({ flag: choice.provider, config, sampling: choice.sampling, ...(choice.env ? { env: choice.env } : {}) });
}
