import pLimit from 'p-limit';
import type { LlmProvider } from '../generation/provider.js';
import type { UsageTracker } from '../generation/usage.js';

/** Limits applied to every network call (timeouts, SDK retries for 429/5xx, concurrency). */
export interface LlmCallLimits {
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Retries the SDK makes for 408/409/429/5xx and connection errors. */
  maxRetries: number;
  /** Concurrent calls allowed per provider (p-limit). */
  concurrency: number;
}

/** Defaults: 120 s timeout, 2 SDK retries, 4 calls at once. */
export const DEFAULT_CALL_LIMITS: LlmCallLimits = { timeoutMs: 120_000, maxRetries: 2, concurrency: 4 };

/**
 * Wrap a provider so that at most `limits.concurrency` calls run at once (p-limit) and every
 * call's token usage lands in `usage` (purpose = the requested schema name).
 */
export function withLimits(provider: LlmProvider, limits: LlmCallLimits, usage: UsageTracker): LlmProvider {
  const limit = pLimit(Math.max(1, limits.concurrency));
  return {
    name: provider.name,
    model: provider.model,
    complete: (req) =>
      limit(async () => {
        const res = await provider.complete(req);
        usage.record({ provider: provider.name, model: res.model || provider.model, purpose: req.schema.name, outputMode: res.outputMode, ...res.usage });
        return res;
      }),
  };
}
