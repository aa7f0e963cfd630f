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
}

/**
 * Accumulates token usage of every LLM call made through a provider created by
 * `createProvider` (or wrapped by `withLimits`). Commands print `format()` at the end;
 * the What's Next report and MCP tools read `totals()`.
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

  /** True when any recorded count is an estimate. */
  get estimated(): boolean {
    return this.calls.some((c) => c.estimated === true);
  }

  /** Totals since `mark` (a previous `calls.length`), for per-draft usage. */
  since(mark: number): UsageTotals {
    const part = this.calls.slice(mark);
    return {
      llmCalls: part.length,
      inputTokens: part.reduce((n, c) => n + c.inputTokens, 0),
      outputTokens: part.reduce((n, c) => n + c.outputTokens, 0),
    };
  }
}

/** One line for stderr: `usage: 2 LLM calls, 1,234 input tokens, 567 output tokens`. */
export function formatUsage(t: UsageTotals, estimated = false): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `usage: ${t.llmCalls} LLM call${t.llmCalls === 1 ? '' : 's'}, ${n(t.inputTokens)} input tokens, ${n(t.outputTokens)} output tokens${estimated ? ' (estimated)' : ''}`;
}
