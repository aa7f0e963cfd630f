import { ProblemError, type Hint } from '../model/errors.js';
import type { UsageTotals } from './usage.js';
import type { ProviderName, StopReason } from './provider.js';

/** Cut text to `max` characters, saying how much was left out. */
export function cut(text: string, max = 2_000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

/** A call to a model failed on the way: timeout, rate limit after retries, auth, server error (exit 1). */
export class LlmRequestError extends ProblemError {
  constructor(
    message: string,
    readonly provider: ProviderName,
    readonly status: number | null,
    hint?: string | Hint,
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

/** The `none` provider was asked for text; callers must use their deterministic path instead. */
export class LlmUnavailableError extends ProblemError {
  constructor(what: string) {
    super(`${what} needs a language model, but the provider is "none"`, [
      'set ANTHROPIC_API_KEY or OPENAI_API_KEY, or choose the provider with ',
      { do: 'option', name: 'provider', value: 'anthropic|openai' },
    ]);
  }
}

/** What one generation attempt produced and why it was rejected. */
export interface AttemptRecord {
  attempt: number;
  stopReason: StopReason;
  /** Raw reply cut to length. */
  text: string;
  /** Problems found; empty for the accepted attempt. */
  errors: string[];
}

/**
 * The model's output was still invalid after the last attempt. Carries the evidence
 * (vercel/ai `NoObjectGeneratedError` style): the raw text cut to length, the issues of the
 * last attempt, every attempt, and the usage spent. Exit code 1; nothing is written.
 */
export class StructuredOutputError extends ProblemError {
  constructor(
    readonly schemaName: string,
    readonly provider: ProviderName,
    readonly attempts: AttemptRecord[],
    readonly usage: UsageTotals,
  ) {
    const last = attempts.at(-1);
    const issues = last?.errors ?? [];
    super(
      `the ${provider} model's ${schemaName} was still invalid after ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}; nothing was written:\n${issues.map((e) => `  - ${e}`).join('\n')}`,
      [
        'run again, try another model (',
        { do: 'option', name: 'model' },
        '), raise planning.llm.max_attempts, or use ',
        { do: 'option', name: 'provider', value: 'none' },
        ' for a deterministic skeleton',
      ],
    );
  }

  /** Problems of the last attempt. */
  get issues(): string[] {
    return this.attempts.at(-1)?.errors ?? [];
  }

  /** Raw text of the last attempt, cut to length. */
  get rawText(): string {
    return this.attempts.at(-1)?.text ?? '';
  }
}
