import { MCP_TOOL_SETS, type McpToolSet } from '../src/model/mcp-tool-sets.js';

/** Which tools a server offers: the tool sets (all when absent), and only the reading tools when read-only. */
export interface ToolSelection {
  sets?: readonly McpToolSet[] | undefined;
  readOnly?: boolean | undefined;
}

/** Whether a tool of this set and use is offered under `selection`. */
export function offers(selection: ToolSelection | undefined, set: McpToolSet, use: 'reads' | 'writes'): boolean {
  const sets = selection?.sets ?? MCP_TOOL_SETS;
  return sets.includes(set) && (selection?.readOnly !== true || use === 'reads');
}

/** Whether `tools/list` carries the output schemas: read-only lists stay small (the results keep their structuredContent). */
export function listsOutputSchemas(selection: ToolSelection | undefined): boolean {
  return selection?.readOnly !== true;
}
