/**
 * The one interface every LLM provider implements (anthropic, openai, sampling, none). The
 * providers live in `src/llm/`, the only code that talks to the network; the capabilities only
 * see this interface.
 */

/** Token counts of one call. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the counts are estimates (MCP sampling reports no usage: chars/4). */
  estimated?: boolean;
}

/** One turn of the conversation. */
export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** One call: system prompt, conversation and the structured output it must return. */
export interface LlmRequest {
  /** System prompt. */
  system: string;
  messages: LlmMessage[];
  /** Structured output: the JSON Schema (from zod 4's z.toJSONSchema) the reply must follow. */
  schema: { name: string; description?: string; jsonSchema: Record<string, unknown> };
  maxTokens?: number;
  signal?: AbortSignal;
}

/** Why the model stopped. */
export type StopReason = 'end' | 'max_tokens' | 'refusal' | 'other';

/** What one call returned. */
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
  /**
   * How the JSON was obtained when not through the provider's native structured output
   * (`json_object`, `text`, `extracted from chat text`), so that the faces can say so.
   */
  outputMode?: string;
}

/** The providers there are. */
export type ProviderName = 'anthropic' | 'openai' | 'sampling' | 'none';

/** A model to call. */
export interface LlmProvider {
  readonly name: ProviderName;
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmResponse>;
}
