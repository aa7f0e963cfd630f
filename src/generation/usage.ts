import type { LlmUsage, ProviderName } from './provider.js';

/** Totals over every LLM call (CONTRACTS.md `usage`: llmCalls, inputTokens, outputTokens). */
export interface UsageTotals {
  llmCalls: number;
  inputTokens: number;
  outputTokens: number;
}

/** One recorded call. */
export interface UsageRecord extends LlmUsage {
  provider: ProviderName;
  model: string;
  /** What the call was for, e.g. `draft_plan`. */
  purpose: string;
  /** How the JSON was obtained when not natively (see `LlmResponse.outputMode`). */
  outputMode?: string | undefined;
}

/** chars/4: the token estimate used where a provider reports no usage, and for context budgets. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Accumulates token usage of every LLM call made through a provider wrapped with its limits
 * (`src/llm/limits.ts`). Use-cases return `totals()` for the faces to show.
 */
export class UsageTracker {
  readonly calls: UsageRecord[] = [];

  record(entry: UsageRecord): void {
    this.calls.push({ ...entry });
  }

  totals(): UsageTotals {
    return {
      llmCalls: this.calls.length,
      inputTokens: this.calls.reduce((n, c) => n + c.inputTokens, 0),
      outputTokens: this.calls.reduce((n, c) => n + c.outputTokens, 0),
    };
  }

  /** The non-native ways JSON was obtained, each once, in order. */
  get outputModes(): string[] {
    return [...new Set(this.calls.map((c) => c.outputMode).filter((m): m is string => !!m))];
  }

  /** True when any recorded count is an estimate. */
  get estimated(): boolean {
    return this.calls.some((c) => c.estimated === true);
  }
}
