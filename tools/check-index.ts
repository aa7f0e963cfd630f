import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';

const output = {
  drift: z.array(z.string()).describe('Files that differ from what the plans say'),
};

/**
 * `check_index`: the read half of `update_index`: which of spec/plans/README.md and the
 * features' ## Plans tables differ from what the plans say, writing nothing.
 */
export function registerCheckIndexTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'check_index',
    {
      title: 'Check the plans index',
      description: "Report whether spec/plans/README.md and features' ## Plans tables are out of date; writes nothing.",
      inputSchema: {},
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      run(ctx.log, 'check_index', async () => {
        const { updateIndex } = await import('../src/app/index.js');
        const out = await updateIndex(ctx.root, { check: true });
        const drift = out.changes.map((c) => c.file);
        const text =
          drift.length === 0 ? 'The plans index and the feature Plans tables are up to date.' : `Out of date (update_index rewrites them): ${drift.join(', ')}`;
        return ok({ drift }, text);
      }),
  );
}
