import type { PlanningConfig } from '../model/config.js';
import { PROVIDER_CHOICES } from '../model/config-defaults.js';
import { UsageError } from '../model/errors.js';
import type { LlmProvider, ProviderName } from '../generation/provider.js';
import { UsageTracker } from '../generation/usage.js';
import { DEFAULT_CALL_LIMITS, withLimits, type LlmCallLimits } from './limits.js';
import type { SamplingFn } from './sampling.js';

/** One of `PROVIDER_CHOICES`: what `--provider` (and the MCP tools' `provider`) accept. */
type ProviderChoice = (typeof PROVIDER_CHOICES)[number];

/** How to choose and set up the provider. */
export interface ProviderSelection {
  /** `--provider` flag; wins over the configuration. */
  flag?: string | undefined;
  /** `--model` flag; wins over `planning.llm.model`. */
  model?: string | undefined;
  /** The `planning.llm` block. */
  config?: PlanningConfig['llm'] | undefined;
  env?: NodeJS.ProcessEnv;
  /** MCP sampling hook; makes `sampling` available (and `auto` falls back to it before `none`). */
  sampling?: SamplingFn | undefined;
  /** Shared usage tracker; a new one when absent. */
  usage?: UsageTracker | undefined;
  /** Overrides of the call limits; otherwise SPECPLAN_LLM_TIMEOUT_MS / _MAX_RETRIES / _CONCURRENCY, then defaults. */
  limits?: Partial<LlmCallLimits> | undefined;
}

/** The chosen provider, its usage tracker and its limits. */
export interface SelectedProvider {
  provider: LlmProvider;
  usage: UsageTracker;
  limits: LlmCallLimits;
}

function envNumber(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name}="${raw}" is not a whole number ≥ ${min}`, `unset ${name} or give it a whole number`);
  return n;
}

/** Call limits: explicit overrides, then environment, then defaults. */
export function resolveLimits(env: NodeJS.ProcessEnv, overrides: Partial<LlmCallLimits> = {}): LlmCallLimits {
  return {
    timeoutMs: overrides.timeoutMs ?? envNumber(env, 'SPECPLAN_LLM_TIMEOUT_MS', 1) ?? DEFAULT_CALL_LIMITS.timeoutMs,
    maxRetries: overrides.maxRetries ?? envNumber(env, 'SPECPLAN_LLM_MAX_RETRIES', 0) ?? DEFAULT_CALL_LIMITS.maxRetries,
    concurrency: overrides.concurrency ?? envNumber(env, 'SPECPLAN_LLM_CONCURRENCY', 1) ?? DEFAULT_CALL_LIMITS.concurrency,
    deadlineMs: overrides.deadlineMs ?? envNumber(env, 'SPECPLAN_LLM_DEADLINE_MS', 1) ?? DEFAULT_CALL_LIMITS.deadlineMs,
  };
}

/**
 * Which provider runs (CONTRACTS.md): the `--provider` flag, else `planning.llm.provider`;
 * `auto` picks anthropic when ANTHROPIC_API_KEY is set, else openai when OPENAI_API_KEY is set,
 * else sampling when a sampling hook is available (MCP server), else none.
 */
export function resolveProviderName(sel: Pick<ProviderSelection, 'flag' | 'config' | 'env' | 'sampling'>): ProviderName {
  const env = sel.env ?? process.env;
  const raw = (sel.flag ?? sel.config?.provider ?? 'auto').trim().toLowerCase();
  if (!(PROVIDER_CHOICES as readonly string[]).includes(raw)) {
    throw new UsageError(`unknown provider "${sel.flag ?? sel.config?.provider}"`, `use one of ${PROVIDER_CHOICES.join(', ')}`);
  }
  const choice = raw as ProviderChoice;
  if (choice !== 'auto') return choice;
  if (env.ANTHROPIC_API_KEY) return 'anthropic';
  if (env.OPENAI_API_KEY) return 'openai';
  if (sel.sampling) return 'sampling';
  return 'none';
}

/**
 * Create the selected provider, wrapped with the concurrency cap and usage tracking. Only the
 * chosen SDK is loaded. Missing keys for an explicitly chosen provider are usage errors (exit 2).
 */
export async function createProvider(sel: ProviderSelection = {}): Promise<SelectedProvider> {
  const env = sel.env ?? process.env;
  const name = resolveProviderName(sel);
  const usage = sel.usage ?? new UsageTracker();
  const limits = resolveLimits(env, sel.limits);
  const model = (sel.model ?? '').trim() || (sel.config?.model ?? '').trim() || undefined;
  let provider: LlmProvider;
  switch (name) {
    case 'anthropic': {
      const apiKey = env.ANTHROPIC_API_KEY;
      if (!apiKey)
        throw new UsageError('provider "anthropic" needs ANTHROPIC_API_KEY, which is not set', [
          'export ANTHROPIC_API_KEY, or choose ',
          { do: 'option', name: 'provider', value: 'none' },
          ' for a deterministic skeleton',
        ]);
      const { anthropicProvider } = await import('./anthropic.js');
      provider = anthropicProvider({ apiKey, model, baseURL: env.ANTHROPIC_BASE_URL || undefined, limits });
      break;
    }
    case 'openai': {
      const apiKey = env.OPENAI_API_KEY;
      if (!apiKey)
        throw new UsageError('provider "openai" needs OPENAI_API_KEY, which is not set', [
          'export OPENAI_API_KEY (any value works for a local OPENAI_BASE_URL server), or choose ',
          { do: 'option', name: 'provider', value: 'none' },
        ]);
      const { openAiProvider } = await import('./openai.js');
      provider = openAiProvider({ apiKey, model, baseURL: env.OPENAI_BASE_URL || undefined, limits });
      break;
    }
    case 'sampling': {
      if (!sel.sampling)
        throw new UsageError('provider "sampling" is only available inside the MCP server', [
          'choose ',
          { do: 'option', name: 'provider', value: 'anthropic|openai|none' },
          ' on the command line',
        ]);
      const { samplingProvider } = await import('./sampling.js');
      provider = samplingProvider(sel.sampling, limits, model);
      break;
    }
    case 'none': {
      const { noneProvider } = await import('./none.js');
      provider = noneProvider();
      break;
    }
  }
  return { provider: withLimits(provider, limits, usage), usage, limits };
}
