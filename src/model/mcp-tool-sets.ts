/** The tool sets the MCP server can offer (`specplan mcp --tools`, `planning.mcp.tools`). */
export const MCP_TOOL_SETS = ['read', 'draft', 'lifecycle', 'whats-next', 'interop'] as const;
/** One tool set of the MCP server. */
export type McpToolSet = (typeof MCP_TOOL_SETS)[number];
