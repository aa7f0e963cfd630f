import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { parseJsonReply } from '../generation/json-schema.js';
import { apiErrorDetail, requestError } from './request-error.js';
import type { LlmProvider, LlmRequest, LlmResponse, StopReason } from '../generation/provider.js';
import type { LlmRequestError } from '../generation/errors.js';
import type { LlmCallLimits } from './limits.js';

/** Default model when `planning.llm.model` and `--model` are empty. */
const ANTHROPIC_DEFAULT_MODEL = 'claude-sonnet-4-6';

export interface AnthropicOptions {
  apiKey: string;
  model?: string;
  baseURL?: string;
  limits: LlmCallLimits;
}

function stopReason(reason: string | null): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'stop_sequence':
      return 'end';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'refusal':
      return 'refusal';
    default:
      return 'other';
  }
}

/**
 * Anthropic Messages API through `@anthropic-ai/sdk`. Structured output uses tool use: one tool
 * whose `input_schema` is the JSON Schema, forced with `tool_choice: {type: "tool"}`. The tool
 * input arrives as an object we validate ourselves; tool use works on every current model and
 * Anthropic-compatible gateway, where native structured output does not.
 */
export function anthropicProvider(opts: AnthropicOptions): LlmProvider {
  const client = new Anthropic({
    apiKey: opts.apiKey,
    authToken: null,
    baseURL: opts.baseURL ?? null,
    timeout: opts.limits.timeoutMs,
    maxRetries: opts.limits.maxRetries,
  });
  const model = opts.model || ANTHROPIC_DEFAULT_MODEL;
  return {
    name: 'anthropic',
    model,
    async complete(req: LlmRequest): Promise<LlmResponse> {
      let res: Anthropic.Message;
      try {
        res = await client.messages.create(
          {
            model,
            max_tokens: req.maxTokens ?? 8_192,
            system: req.system,
            messages: req.messages.map((m) => ({ role: m.role, content: m.content === '' ? '(empty)' : m.content })),
            tools: [
              {
                name: req.schema.name,
                description: req.schema.description ?? `Return the ${req.schema.name} as the tool input.`,
                input_schema: req.schema.jsonSchema as Anthropic.Tool.InputSchema,
              },
            ],
            tool_choice: { type: 'tool', name: req.schema.name, disable_parallel_tool_use: true },
          },
          { signal: req.signal, timeout: opts.limits.timeoutMs },
        );
      } catch (e) {
        throw classify(e, opts.limits);
      }
      // The SDK does not validate the body: a proxy's HTML page or a wrong shape arrives as is.
      if (!res || typeof res !== 'object' || !Array.isArray(res.content)) {
        throw requestError(
          'anthropic',
          'other',
          null,
          `the reply is not a Messages API message (got ${JSON.stringify(res)?.slice(0, 120) ?? String(res)})`,
          opts.limits,
          null,
        );
      }
      const tool = res.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === req.schema.name);
      const prose = res.content
        .filter((b): b is Anthropic.TextBlock => b.type === 'text')
        .map((b) => b.text)
        .join('\n');
      const reason = stopReason(res.stop_reason);
      const text = tool ? JSON.stringify(tool.input) : prose;
      const parsed = tool ? { ok: true as const, value: tool.input } : parseJsonReply(prose);
      const out: LlmResponse = {
        text,
        json: parsed.ok ? parsed.value : null,
        stopReason: reason,
        usage: { inputTokens: res.usage?.input_tokens ?? 0, outputTokens: res.usage?.output_tokens ?? 0 },
        model: res.model,
      };
      if (reason === 'refusal') out.refusal = res.stop_details?.explanation ?? (prose || 'the model declined to answer');
      return out;
    },
  };
}

function classify(e: unknown, limits: LlmCallLimits): LlmRequestError {
  if (e instanceof APIConnectionTimeoutError) return requestError('anthropic', 'timeout', null, '', limits, e);
  if (e instanceof APIUserAbortError) return requestError('anthropic', 'aborted', null, '', limits, e);
  if (e instanceof APIConnectionError) return requestError('anthropic', 'connection', null, e.message, limits, e);
  if (e instanceof APIError) return requestError('anthropic', 'api', typeof e.status === 'number' ? e.status : null, apiErrorDetail(e), limits, e);
  return requestError('anthropic', 'other', null, (e as Error)?.message ?? String(e), limits, e);
}
