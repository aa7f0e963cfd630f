import { McpServer, type RegisteredTool, type ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AnySchema, ZodRawShapeCompat } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

type ToolSchema = ZodRawShapeCompat | AnySchema;

/**
 * The schema as an object schema whose JSON Schema leaves out what repeats on every tool: the
 * `$schema` URI and, for an output, the top-level `additionalProperties: false` (which only makes
 * a client's check stricter than our promise). Zod copies a schema's metadata onto its JSON
 * Schema, and a key set to undefined is left out of JSON; validation is unchanged.
 */
function compact<S extends ToolSchema | undefined>(schema: S, output: boolean): S {
  if (schema === undefined) return schema;
  const object = schema instanceof z.ZodType ? schema : z.object(schema as z.ZodRawShape);
  return object.meta({ $schema: undefined, ...(output ? { additionalProperties: undefined } : {}) }) as unknown as S;
}

/**
 * An MCP server whose `tools/list` repeats nothing the client does not need: the whole list is
 * sent into the client model's context in every session, so every repeated key costs tokens.
 * Each tool is registered through the SDK as usual, with its schemas shaped first (`compact`),
 * and without `execution` when it is the default (tasks forbidden).
 */
export class CompactMcpServer extends McpServer {
  override registerTool<OutputArgs extends ToolSchema, InputArgs extends undefined | ToolSchema = undefined>(
    name: string,
    config: {
      title?: string;
      description?: string;
      inputSchema?: InputArgs;
      outputSchema?: OutputArgs;
      annotations?: ToolAnnotations;
      _meta?: Record<string, unknown>;
    },
    cb: ToolCallback<InputArgs>,
  ): RegisteredTool {
    const tool = super.registerTool(name, { ...config, inputSchema: compact(config.inputSchema, false), outputSchema: compact(config.outputSchema, true) }, cb);
    if (tool.execution?.taskSupport === 'forbidden') tool.execution = undefined;
    return tool;
  }
}
