import { LlmRequestError } from '../generation/errors.js';
import type { ProviderName } from '../generation/provider.js';
import type { LlmCallLimits } from './limits.js';

/** How an SDK call failed, as classified by the provider that knows its SDK's error classes. */
export type FailureKind = 'timeout' | 'aborted' | 'api' | 'connection' | 'other';

const KEY_ENV: Record<string, string> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };
const BASE_ENV: Record<string, string> = { anthropic: 'ANTHROPIC_BASE_URL', openai: 'OPENAI_BASE_URL' };

function retries(n: number): string {
  return `${n} retr${n === 1 ? 'y' : 'ies'}`;
}

/** One clear sentence (plus what to do) for a failed call; exit code 1. */
export function requestError(
  provider: ProviderName,
  kind: FailureKind,
  status: number | null,
  detail: string,
  limits: LlmCallLimits,
  cause: unknown,
): LlmRequestError {
  const d = detail.split('\n')[0]!.slice(0, 200);
  const opts = { cause };
  if (kind === 'timeout') {
    const seconds = `${Math.round(limits.timeoutMs / 100) / 10} s`;
    return new LlmRequestError(
      `the ${provider} request timed out after ${seconds} (${retries(limits.maxRetries)})`,
      provider,
      null,
      'try again later, or raise SPECPLAN_LLM_TIMEOUT_MS (milliseconds)',
      opts,
    );
  }
  if (kind === 'aborted') return new LlmRequestError(`the ${provider} request was cancelled`, provider, null, undefined, opts);
  if (kind === 'connection' || (kind === 'api' && status === null)) {
    return new LlmRequestError(
      `could not reach ${provider} (${d || 'connection error'})`,
      provider,
      null,
      `check the network or ${BASE_ENV[provider] ?? 'the base URL'}`,
      opts,
    );
  }
  if (kind === 'api' && status !== null) {
    const suffix = d ? `: ${d}` : '';
    if (status === 401 || status === 403)
      return new LlmRequestError(
        `${provider} rejected the API key (HTTP ${status}${suffix})`,
        provider,
        status,
        `check ${KEY_ENV[provider] ?? 'the API key'}`,
        opts,
      );
    if (status === 429)
      return new LlmRequestError(
        `${provider} is rate limiting requests (HTTP 429 after ${retries(limits.maxRetries)})${suffix}`,
        provider,
        status,
        'wait a minute and run the command again',
        opts,
      );
    return new LlmRequestError(
      `the ${provider} request failed (HTTP ${status}${suffix})`,
      provider,
      status,
      status >= 500 ? 'the service had a problem; try again later' : ['check the model (', { do: 'option', name: 'model' }, ') and the provider settings'],
      opts,
    );
  }
  return new LlmRequestError(
    `the ${provider} request failed: ${d || 'unknown error'}`,
    provider,
    null,
    [
      `check that ${BASE_ENV[provider] ?? 'the base URL'} points at an ${provider}-compatible API (not a web page or a proxy's login page), or use `,
      { do: 'option', name: 'provider', value: 'none' },
      ' to work offline',
    ],
    opts,
  );
}

/** The provider's own message from an SDK APIError body (`{error: {message}}`), if any. */
export function apiErrorDetail(e: { error?: unknown; message?: string }): string {
  const body = e.error as { error?: { message?: string }; message?: string } | undefined;
  return String(body?.error?.message ?? body?.message ?? e.message ?? '');
}
