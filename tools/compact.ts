import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type ListToolsResult } from '@modelcontextprotocol/sdk/types.js';

type Json = unknown;

/**
 * Drop what repeats in every JSON Schema without telling the client anything: `$schema` (the
 * same draft-07 URI on every schema) and, in output schemas, `additionalProperties: false`
 * (which only makes the client's validation stricter than our promise needs to be).
 */
function compactSchema(node: Json, output: boolean, root = true): Json {
  if (Array.isArray(node)) return node.map((n) => compactSchema(n, output, false));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node as Record<string, Json>)) {
    if (root && k === '$schema') continue;
    if (output && k === 'additionalProperties' && v === false) continue;
    out[k] = compactSchema(v, output, false);
  }
  return out;
}

/** A `tools/list` result without the repeated boilerplate; `execution` is dropped when it is the default. */
export function compactToolList(result: ListToolsResult): ListToolsResult {
  return {
    ...result,
    tools: result.tools.map((t) => {
      const { execution, ...rest } = t;
      const keep = execution && execution.taskSupport !== 'forbidden' ? { execution } : {};
      return {
        ...rest,
        ...keep,
        inputSchema: compactSchema(t.inputSchema, false) as ListToolsResult['tools'][number]['inputSchema'],
        ...(t.outputSchema ? { outputSchema: compactSchema(t.outputSchema, true) as NonNullable<ListToolsResult['tools'][number]['outputSchema']> } : {}),
      };
    }),
  };
}

/**
 * Make the server answer `tools/list` compactly (the whole list is sent into the client model's
 * context on every session, so every repeated key costs tokens), and let `tools/list` and
 * `tools/call` wait for `ready()` (tools registered after the server answered `initialize`). Call before the first tool is registered: the SDK installs its handlers then.
 */
export function interceptToolRequests(server: McpServer, ready: () => Promise<unknown>): void {
  const protocol = server.server;
  const install = protocol.setRequestHandler.bind(protocol);
  protocol.setRequestHandler = ((schema: unknown, handler: (...a: unknown[]) => unknown) => {
    if (schema === ListToolsRequestSchema) {
      return install(ListToolsRequestSchema, async (req, extra) => {
        await ready();
        return compactToolList((await handler(req, extra)) as ListToolsResult);
      });
    }
    if (schema === CallToolRequestSchema) {
      return install(CallToolRequestSchema, async (req, extra) => {
        await ready();
        return handler(req, extra) as never;
      });
    }
    return install(schema as never, handler as never);
  }) as typeof protocol.setRequestHandler;
}
