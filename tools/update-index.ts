import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { dryRunArg } from './schemas.js';

const input = {
  check: z.boolean().optional().describe('Only report drift, write nothing'),
  dryRun: dryRunArg,
};

const output = {
  drift: z.array(z.string()).describe('Files that differ from what the plans say'),
  written: z.array(z.string()).describe('Files written (empty with check or dryRun)'),
};

/**
 * `update_index`: rewrite spec/plans/README.md and every feature's ## Plans table (as specplan
 * index); an error naming each unreadable plan document, with nothing written, while any exists.
 */
export function registerUpdateIndexTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'update_index',
    {
      title: 'Rewrite the plans index',
      description: "Regenerate spec/plans/README.md and features' ## Plans tables; check only reports drift.",
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'update_index', async () => {
        const { updateIndex } = await import('../src/app/index.js');
        const check = args.check === true || args.dryRun === true;
        const out = await updateIndex(ctx.root, { check, notify: (m) => ctx.log.warn(m) });
        const written = [...out.recovered, ...out.written];
        if (written.length) ctx.changed(written);
        const drift = out.changes.map((c) => c.file);
        const text =
          drift.length === 0
            ? 'The plans index and the feature Plans tables are up to date.'
            : `${check ? 'Out of date (call update_index to rewrite)' : 'Updated'}: ${drift.join(', ')}`;
        return ok({ drift, written: out.written }, text);
      }),
  );
}
