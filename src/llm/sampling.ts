import { LlmRequestError } from '../generation/errors.js';
import { parseJsonReply } from '../generation/json-schema.js';
import type { LlmMessage, LlmProvider, LlmRequest, LlmResponse, StopReason } from '../generation/provider.js';
import { estimateTokens } from '../generation/usage.js';
import type { LlmCallLimits } from './limits.js';

/** MCP sampling hook: the server passes the connected client's createMessage here. */
export type SamplingFn = (params: {
  system: string;
  messages: LlmMessage[];
  maxTokens: number;
  signal?: AbortSignal;
}) => Promise<{ text: string; model: string; stopReason?: string }>;

function stopReason(reason: string | undefined): StopReason {
  switch (reason) {
    case undefined:
    case 'endTurn':
    case 'stopSequence':
      return 'end';
    case 'maxTokens':
      return 'max_tokens';
    case 'refusal':
      return 'refusal';
    default:
      return 'other';
  }
}

/** The instruction that replaces native structured output for sampling clients. */
function schemaInstruction(req: LlmRequest): string {
  return [
    `Reply with exactly one JSON object (no prose, no code fence) that is a valid "${req.schema.name}" and follows this JSON Schema:`,
    JSON.stringify(req.schema.jsonSchema),
  ].join('\n');
}

/**
 * MCP sampling: asks the connected client's model through the server's `createMessage`. No API
 * key. Sampling has no structured output, so the JSON Schema goes into the system prompt and
 * the reply is parsed (and then validated and repaired like any other). Usage is estimated.
 */
export function samplingProvider(sample: SamplingFn, limits: LlmCallLimits, model = 'client'): LlmProvider {
  return {
    name: 'sampling',
    model,
    async complete(req: LlmRequest): Promise<LlmResponse> {
      const system = `${req.system}\n\n${schemaInstruction(req)}`;
      const timeout = AbortSignal.timeout(limits.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let res: Awaited<ReturnType<SamplingFn>>;
      try {
        res = await sample({ system, messages: req.messages, maxTokens: req.maxTokens ?? 8_192, signal });
      } catch (e) {
        if (timeout.aborted) {
          throw new LlmRequestError(
            `the MCP client did not answer the sampling request within ${Math.round(limits.timeoutMs / 1000)} s`,
            'sampling',
            null,
            'check that the client supports sampling and approved the request',
            { cause: e },
          );
        }
        throw new LlmRequestError(
          `the MCP client's sampling request failed: ${(e as Error)?.message ?? String(e)}`,
          'sampling',
          null,
          'check that the MCP client supports sampling (createMessage)',
          { cause: e },
        );
      }
      const reason = stopReason(res.stopReason);
      const parsed = parseJsonReply(res.text);
      const inputChars = system.length + req.messages.reduce((n, m) => n + m.content.length, 0);
      const out: LlmResponse = {
        text: res.text,
        json: parsed.ok ? parsed.value : null,
        stopReason: reason,
        usage: { inputTokens: Math.ceil(inputChars / 4), outputTokens: estimateTokens(res.text), estimated: true },
        model: res.model || model,
      };
      if (reason === 'refusal') out.refusal = res.text || 'the client model declined to answer';
      if (parsed.ok && parsed.extracted) out.outputMode = 'extraction from chat text';
      return out;
    },
  };
}
