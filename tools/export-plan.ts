import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../src/model/interop-formats.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { planArg } from './schemas.js';

/* Schemas are kept small: every tool's schemas share the tools/list budget (24,000 characters). */
const input = { plan: planArg, to: z.enum(EXPORT_FORMATS).describe('Target format') };

const output = { content: z.string(), warnings: z.array(z.string()) };

/**
 * `export_plan`: a plan's steps as work items JSON, an execution plan, a Task Master tasks.json
 * or GitHub issue payloads, with ids `plan#N` that the ledger and `Plan-Step:` trailers use.
 * Writes nothing (creating GitHub issues needs a token: the CLI's export does that).
 */
export function registerExportPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'export_plan',
    {
      title: 'Export plan steps',
      description: 'Export plan steps for execution tools (ids plan#N match the ledger and Plan-Step trailers).',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'export_plan', async () => {
        const { exportPlan } = await import('../src/app/export.js');
        const r = await exportPlan({ root: ctx.root, plan: args.plan, to: args.to, today: ctx.today() });
        if (r.kind !== 'content') throw new Error('export_plan returns the export; it writes nothing');
        const { content, mediaType } = r.rendered;
        return ok(
          { content, warnings: r.warnings },
          [`${r.plan} as ${args.to} (${mediaType}): ${r.items} steps.`, ...r.warnings.map((w) => `Warning: ${w}`), '', content].join('\n'),
        );
      }),
  );
}
