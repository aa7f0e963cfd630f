import type { RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

type Json = { [key: string]: unknown };

/**
 * An output schema as the client needs it: the shape and the descriptions. What only makes a
 * client's check stricter than our promise (`additionalProperties`, `required`, the record's
 * `propertyNames`) is left out; the server still validates every result against the full schema.
 */
function outputJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(outputJson);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'additionalProperties' || k === 'required' || k === 'propertyNames' || k === '$schema') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, outputJson(s)])) : outputJson(v);
  }
  return out;
}

/** An input schema without the `$schema` URI that would repeat on every tool. */
function inputJson(schema: z.ZodType): Tool['inputSchema'] {
  const { $schema: _s, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Json;
  return json as Tool['inputSchema'];
}

/**
 * The `tools/list` entries of the enabled tools: the whole list is sent into the client model's
 * context in every session, so it carries only what the client needs (budget: 24,000 characters
 * for every tool, 8,000 for the read-only set).
 */
export function toolList(tools: ReadonlyMap<string, RegisteredTool>, withOutputSchemas: boolean): Tool[] {
  const list: Tool[] = [];
  for (const [name, t] of tools) {
    if (!t.enabled) continue;
    list.push({
      name,
      ...(t.title ? { title: t.title } : {}),
      ...(t.description ? { description: t.description } : {}),
      inputSchema: inputJson(t.inputSchema as z.ZodType),
      ...(t.outputSchema && withOutputSchemas
        ? { outputSchema: outputJson(z.toJSONSchema(t.outputSchema as z.ZodType, { io: 'output' })) as Tool['outputSchema'] }
        : {}),
      ...(t.annotations ? { annotations: t.annotations } : {}),
      ...(t.execution ? { execution: t.execution } : {}),
      ...(t._meta ? { _meta: t._meta } : {}),
    });
  }
  return list;
}
