import { LlmUnavailableError } from '../generation/errors.js';
import type { LlmProvider } from '../generation/provider.js';

/**
 * The `none` provider: never touches the network. Commands check `provider.name === 'none'` and
 * take their deterministic path (skeleton drafts, the rule-based estimate, template prose);
 * calling `complete` is a programming error reported as a clear message.
 */
export function noneProvider(): LlmProvider {
  return {
    name: 'none',
    model: 'none',
    complete() {
      return Promise.reject(new LlmUnavailableError('this step'));
    },
  };
}
