import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { SamplingFn } from '../src/app/llm.js';

export type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * A `SamplingFn` that asks the connected client's own model through `sampling/createMessage`,
 * tied to the tool call being handled (so it travels on that request's HTTP stream), or
 * undefined when the client did not declare the sampling capability.
 */
export function samplingFor(server: McpServer, extra: Extra): SamplingFn | undefined {
  if (!server.server.getClientCapabilities()?.sampling) return undefined;
  return async ({ system, messages, maxTokens, signal }) => {
    const res = await server.server.createMessage(
      {
        systemPrompt: system,
        messages: messages.map((m) => ({ role: m.role, content: { type: 'text' as const, text: m.content } })),
        maxTokens,
        includeContext: 'none',
      },
      { signal: signal ? AbortSignal.any([signal, extra.signal]) : extra.signal, relatedRequestId: extra.requestId, timeout: 600_000 },
    );
    const parts = Array.isArray(res.content) ? res.content : [res.content];
    const text = parts.map((p) => (p && typeof p === 'object' && 'type' in p && p.type === 'text' ? (p as { text: string }).text : '')).join('');
    return { text, model: res.model, ...(res.stopReason ? { stopReason: String(res.stopReason) } : {}) };
  };
}

/**
 * Progress notifications for a long tool call: a no-op unless the client sent
 * `_meta.progressToken` with the request.
 */
export function progressFor(extra: Extra): (progress: number, total?: number, message?: string) => Promise<void> {
  const token = extra._meta?.progressToken;
  if (token === undefined) return async () => {};
  return async (progress, total, message) => {
    try {
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, ...(total !== undefined ? { total } : {}), ...(message ? { message } : {}) },
      });
    } catch {
      // the client went away; the tool result will tell
    }
  };
}

/** Throw an AbortError when the client cancelled the request. */
export function checkCancelled(extra: Extra): void {
  if (extra.signal.aborted) {
    const e = new Error('the request was cancelled by the client');
    e.name = 'AbortError';
    throw e;
  }
}
