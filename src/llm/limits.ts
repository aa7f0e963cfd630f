import pLimit from 'p-limit';
import type { LlmCallLimits, LlmProvider } from './provider.js';
import type { UsageTracker } from './usage.js';

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
        usage.record({ provider: provider.name, model: res.model || provider.model, purpose: req.schema.name, ...res.usage });
        return res;
      }),
  };
}
