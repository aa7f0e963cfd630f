import pLimit from 'p-limit';
import type { LlmProvider } from '../generation/provider.js';
import type { UsageTracker } from '../generation/usage.js';
import { LlmRequestError } from '../generation/errors.js';

/** Limits applied to every network call (timeouts, SDK retries for 429/5xx, concurrency). */
export interface LlmCallLimits {
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Retries the SDK makes for 408/409/429/5xx and connection errors. */
  maxRetries: number;
  /** Concurrent calls allowed per provider (p-limit). */
  concurrency: number;
  /**
   * One deadline for all the calls of a command (its repairs and retries included), counted
   * from the first call, in milliseconds.
   */
  deadlineMs: number;
}

/** Defaults: 120 s per request, 2 SDK retries, 4 calls at once, 2 minutes for the whole command. */
export const DEFAULT_CALL_LIMITS: LlmCallLimits = { timeoutMs: 120_000, maxRetries: 2, concurrency: 4, deadlineMs: 120_000 };

/**
 * Wrap a provider so that at most `limits.concurrency` calls run at once (p-limit), every call's
 * token usage lands in `usage` (purpose = the requested schema name), and all the calls together
 * stop at one deadline (`limits.deadlineMs` from the first call).
 */
export function withLimits(provider: LlmProvider, limits: LlmCallLimits, usage: UsageTracker): LlmProvider {
  const limit = pLimit(Math.max(1, limits.concurrency));
  let deadline: AbortSignal | null = null;
  return {
    name: provider.name,
    model: provider.model,
    complete: (req) =>
      limit(async () => {
        deadline ??= AbortSignal.timeout(limits.deadlineMs);
        const over = () =>
          new LlmRequestError(
            `the model calls of this command passed their deadline of ${Math.round(limits.deadlineMs / 100) / 10} s (${usage.calls.length} call${usage.calls.length === 1 ? '' : 's'} made)`,
            provider.name,
            null,
            'try again later, or raise SPECPLAN_LLM_DEADLINE_MS (milliseconds)',
          );
        if (deadline.aborted) throw over();
        const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
        let res;
        try {
          res = await provider.complete({ ...req, signal });
        } catch (e) {
          if (deadline.aborted && !req.signal?.aborted) throw over();
          throw e;
        }
        usage.record({ provider: provider.name, model: res.model || provider.model, purpose: req.schema.name, outputMode: res.outputMode, ...res.usage });
        return res;
      }),
  };
}
