import { McpServer, type RegisteredTool, type ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AnySchema, ZodRawShapeCompat } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import { ListToolsRequestSchema, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { bounded } from './bounded.js';
import { toolList } from './tool-list.js';

type ToolSchema = ZodRawShapeCompat | AnySchema;

/** The same name written another way: `dry_run`, `dry-run` and `DryRun` are all `dryrun`. */
function folded(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** "unknown argument "dry_run" (did you mean "dryRun"?); accepted arguments: plan, status, dryRun". */
function unknownKeys(keys: readonly string[], accepted: readonly string[]): string {
  const named = keys.map((k) => {
    const same = accepted.find((a) => folded(a) === folded(k));
    return `"${bounded(k, 60)}"${same ? ` (did you mean "${same}"?)` : ''}`;
  });
  const list = accepted.length ? `accepted arguments: ${accepted.join(', ')}` : 'this tool takes no arguments';
  return `unknown argument${keys.length > 1 ? 's' : ''} ${named.join(', ')}; ${list}`;
}

/**
 * An input schema that refuses keys it does not know, naming them and the accepted ones: a
 * misspelled flag (`dry_run` for `dryRun`) must never be dropped silently and the call run anyway.
 */
function strictInput(schema: ToolSchema | undefined): z.ZodType {
  const shape = (schema === undefined ? {} : schema instanceof z.ZodObject ? schema.shape : schema) as z.ZodRawShape;
  const accepted = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys, accepted) : undefined),
  });
}

/**
 * An MCP server whose `tools/list` repeats nothing the client does not need (`toolList`) and
 * whose tools refuse unknown arguments. Each tool is registered through the SDK as usual, and
 * without `execution` when it is the default (tasks forbidden).
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
    const inputSchema = strictInput(config.inputSchema) as unknown as InputArgs;
    const outputSchema = (
      config.outputSchema === undefined || config.outputSchema instanceof z.ZodType ? config.outputSchema : z.object(config.outputSchema as z.ZodRawShape)
    ) as OutputArgs;
    const tool = super.registerTool(name, { ...config, inputSchema, outputSchema }, cb);
    if (tool.execution?.taskSupport === 'forbidden') tool.execution = undefined;
    if (this.tools.size === 0)
      this.server.setRequestHandler(ListToolsRequestSchema, () => {
        const tools = toolList(this.tools, this.listOutputSchemas);
        this.onToolsListed();
        return { tools };
      });
    this.tools.set(name, tool);
    return tool;
  }

  private readonly tools = new Map<string, RegisteredTool>();

  /** Called after each `tools/list` is computed (before it is sent). */
  onToolsListed: () => void = () => {};

  /** Whether `tools/list` carries each tool's output schema (results are validated against it either way). */
  listOutputSchemas = true;
}
