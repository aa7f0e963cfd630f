import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { LlmRequestError } from '../generation/errors.js';
import { parseJsonReply } from '../generation/json-schema.js';
import type { LlmProvider, LlmRequest, LlmResponse, StopReason } from '../generation/provider.js';
import type { LlmCallLimits } from './limits.js';
import { apiErrorDetail, requestError } from './request-error.js';

/** Default model when `planning.llm.model` and `--model` are empty. */
const OPENAI_DEFAULT_MODEL = 'gpt-4.1-mini';

export interface OpenAiOptions {
  apiKey: string;
  model?: string;
  /** `OPENAI_BASE_URL`: any OpenAI-compatible server (Ollama, vLLM, …). */
  baseURL?: string;
  limits: LlmCallLimits;
}

function stopReason(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'stop':
      return 'end';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    default:
      return 'other';
  }
}

/** OpenAI's `name` for a response format: letters, digits, `_` and `-`, at most 64. */
function formatName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'output';
}

/**
 * OpenAI Chat Completions through the `openai` SDK with a strict `json_schema` response format.
 * Chat Completions (not the Responses API) because OpenAI-compatible local servers such as
 * Ollama and vLLM implement it. The schema must be strict-compatible (all properties required,
 * optional ones nullable, `additionalProperties: false`); `PlanDraftSchema` is. A server that
 * refuses `json_schema` is asked with `json_object` and the schema in the system prompt, then
 * with no response format (the JSON is extracted from the text); `outputMode` says which.
 */
/** How replies are asked for, from the strictest the server accepts down to plain text. */
type OutputMode = 'json_schema' | 'json_object' | 'text';

/** The request was refused because the server does not support this response format. */
function formatUnsupported(e: unknown): boolean {
  if (!(e instanceof APIError) || (e.status !== 400 && e.status !== 422 && e.status !== 501)) return false;
  return /response_format|json_schema|json_object|structured|not supported|unsupported/i.test(apiErrorDetail(e));
}

/** The schema as an instruction, for servers without `json_schema`. */
function schemaInstruction(req: LlmRequest): string {
  return `Reply with exactly one JSON object (no prose, no code fence) that is a valid "${req.schema.name}" and follows this JSON Schema:\n${JSON.stringify(req.schema.jsonSchema)}`;
}

export function openAiProvider(opts: OpenAiOptions): LlmProvider {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? null,
    organization: null,
    project: null,
    timeout: opts.limits.timeoutMs,
    maxRetries: opts.limits.maxRetries,
  });
  const model = opts.model || OPENAI_DEFAULT_MODEL;
  // Remembered for the provider's life: a server that refused json_schema once is not asked again.
  let mode: OutputMode = 'json_schema';
  const create = (req: LlmRequest, m: OutputMode) =>
    client.chat.completions.create(
      {
        model,
        messages: [
          { role: 'system', content: m === 'json_schema' ? req.system : `${req.system}\n\n${schemaInstruction(req)}` },
          ...req.messages.map((x) => ({ role: x.role, content: x.content })),
        ],
        ...(m === 'json_schema'
          ? {
              response_format: {
                type: 'json_schema' as const,
                json_schema: { name: formatName(req.schema.name), description: req.schema.description, schema: req.schema.jsonSchema, strict: true },
              },
            }
          : m === 'json_object'
            ? { response_format: { type: 'json_object' as const } }
            : {}),
        max_completion_tokens: req.maxTokens ?? 8_192,
      },
      { signal: req.signal, timeout: opts.limits.timeoutMs },
    );
  return {
    name: 'openai',
    model,
    async complete(req: LlmRequest): Promise<LlmResponse> {
      let res: OpenAI.Chat.Completions.ChatCompletion;
      for (;;) {
        try {
          res = await create(req, mode);
          break;
        } catch (e) {
          if (mode !== 'text' && formatUnsupported(e)) {
            mode = mode === 'json_schema' ? 'json_object' : 'text';
            continue;
          }
          throw classify(e, opts.limits);
        }
      }
      // The SDK does not validate the body: a proxy's HTML page or a wrong shape arrives as is.
      if (!res || typeof res !== 'object' || !Array.isArray(res.choices)) {
        throw requestError(
          'openai',
          'other',
          null,
          `the reply is not a chat completion (got ${JSON.stringify(res)?.slice(0, 120) ?? String(res)})`,
          opts.limits,
          null,
        );
      }
      const choice = res.choices[0];
      const message = choice?.message;
      const text = message?.content ?? '';
      const refusal = message?.refusal ?? null;
      const reason: StopReason = refusal ? 'refusal' : stopReason(choice?.finish_reason);
      const parsed = parseJsonReply(text);
      const out: LlmResponse = {
        text,
        json: parsed.ok ? parsed.value : null,
        stopReason: reason,
        usage: { inputTokens: res.usage?.prompt_tokens ?? 0, outputTokens: res.usage?.completion_tokens ?? 0 },
        model: res.model,
      };
      if (reason === 'refusal') out.refusal = refusal ?? 'the response was stopped by the content filter';
      if (mode !== 'json_schema' || (parsed.ok && parsed.extracted))
        out.outputMode =
          mode === 'json_schema'
            ? 'extraction from chat text'
            : mode === 'json_object'
              ? 'json_object (the server has no json_schema)'
              : `extraction from chat text (the server has no json_schema or json_object)`;
      return out;
    },
  };
}

function classify(e: unknown, limits: LlmCallLimits): LlmRequestError {
  if (e instanceof APIConnectionTimeoutError) return requestError('openai', 'timeout', null, '', limits, e);
  if (e instanceof APIUserAbortError) return requestError('openai', 'aborted', null, '', limits, e);
  if (e instanceof APIConnectionError) return requestError('openai', 'connection', null, e.message, limits, e);
  if (e instanceof APIError) return requestError('openai', 'api', typeof e.status === 'number' ? e.status : null, apiErrorDetail(e), limits, e);
  return requestError('openai', 'other', null, (e as Error)?.message ?? String(e), limits, e);
}
