import { isJSONRPCErrorResponse, isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse } from '@modelcontextprotocol/sdk/types.js';

/** What a line from an MCP client is, for flow control: only requests are answered. */
export type LineKind = 'request' | 'response' | 'cancel' | 'other';

/** A key for a JSON-RPC id (`1` and `"1"` are different requests). */
export function idKey(id: unknown): string {
  return `${typeof id}:${String(id)}`;
}

/**
 * Classify one line exactly as the SDK's schemas will read it: a request (key: its id), a
 * response to the server's own request (key: its id), a cancellation (key: the cancelled
 * request's id), another notification, or `invalid` with the reason when it is not a JSON-RPC
 * message at all.
 */
export function classifyLine(bytes: Buffer): { kind: LineKind; key?: string } | { invalid: string } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { invalid: `is not JSON (${(e as Error).message})` };
  }
  if (isJSONRPCRequest(value)) return { kind: 'request', key: idKey(value.id) };
  if (isJSONRPCResultResponse(value) || isJSONRPCErrorResponse(value)) return { kind: 'response', key: idKey(value.id) };
  if (isJSONRPCNotification(value)) {
    const requestId = (value.params as { requestId?: unknown } | undefined)?.requestId;
    return value.method === 'notifications/cancelled' && requestId !== undefined ? { kind: 'cancel', key: idKey(requestId) } : { kind: 'other' };
  }
  return { invalid: 'is JSON but not a JSON-RPC 2.0 request, notification or response' };
}
