/**
 * The one interface every LLM provider implements (anthropic, openai, sampling, none).
 * Only `src/llm/` talks to the network.
 */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the counts are estimates (MCP sampling reports no usage: chars/4). */
  estimated?: boolean;
}

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  /** System prompt. */
  system: string;
  messages: LlmMessage[];
  /** Structured output: the JSON Schema (from zod 4's z.toJSONSchema) the reply must follow. */
  schema: { name: string; description?: string; jsonSchema: Record<string, unknown> };
  maxTokens?: number;
  signal?: AbortSignal;
}

export type StopReason = 'end' | 'max_tokens' | 'refusal' | 'other';

export interface LlmResponse {
  /** Raw text of the reply (the JSON as sent, or the tool input serialized). */
  text: string;
  /** Parsed JSON when the reply was parseable JSON, else null. Not validated. */
  json: unknown;
  stopReason: StopReason;
  /** Refusal text when the model refused. */
  refusal?: string;
  usage: LlmUsage;
  model: string;
}

export type ProviderName = 'anthropic' | 'openai' | 'sampling' | 'none';

export interface LlmProvider {
  readonly name: ProviderName;
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmResponse>;
}

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

/** MCP sampling hook: the server passes the connected client's createMessage here. */
export type SamplingFn = (params: {
  system: string;
  messages: LlmMessage[];
  maxTokens: number;
  signal?: AbortSignal;
}) => Promise<{ text: string; model: string; stopReason?: string }>;
