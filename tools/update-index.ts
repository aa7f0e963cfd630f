import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';

const input = {
  check: z.boolean().optional().describe('Only report drift, write nothing'),
};

const output = {
  drift: z.array(z.string()).describe('Files that differ from what the plans say'),
  written: z.array(z.string()).describe('Files written (empty with check)'),
};

/** `update_index`: rewrite spec/plans/README.md and every feature's ## Plans table (as specplan index). */
export function registerUpdateIndexTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'update_index',
    {
      description: "Regenerate spec/plans/README.md and features' ## Plans tables; check only reports drift.",
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'update_index', () =>
        ctx.write(async (repo) => {
          const [{ derivedStatusResolver }, { computeIndexChanges }, { applyChanges }] = await Promise.all([import('../src/lifecycle/derive.js'), import('../src/repo/sync.js'), import('../src/repo/write.js')]);
          const { items } = await ctx.execution();
          const changes = computeIndexChanges(repo, { items, derivedStatus: derivedStatusResolver(repo, items) });
          const drift = changes.map((c) => c.file);
          const written = args.check ? [] : await applyChanges(repo.root, changes);
          const text = drift.length === 0 ? 'The index and feature Plans tables are up to date.' : `${args.check ? 'Out of date' : 'Updated'}: ${drift.join(', ')}`;
          return { result: ok({ drift, written }, text), written };
        }),
      ),
  );
}
