import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../src/interop/types.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { planArg } from './schemas.js';

/* Schemas are kept small: every tool's schemas share the tools/list budget (24,000 characters). */
const input = { plan: planArg, to: z.enum(EXPORT_FORMATS).describe('Target format') };

const output = { content: z.string(), warnings: z.array(z.string()) };

/**
 * `export_plan`: a plan's steps as work items JSON, an execution plan, a Task Master tasks.json
 * or GitHub issue payloads, with ids `plan#N` that the ledger and `Plan-Step:` trailers use.
 * Writes nothing (creating GitHub issues needs a token: `specplan export --to github`).
 */
export function registerExportPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'export_plan',
    {
      description: 'Export plan steps for execution tools (ids plan#N match the ledger and Plan-Step trailers).',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'export_plan', async () => {
        const { buildInput, exportablePlan, inputWarnings, renderExport } = await import('../src/app/export.js');
        const repo = ctx.repo();
        const { planPath, warnings } = exportablePlan(repo, args.plan);
        const execution = await ctx.execution();
        const exportIn = buildInput(repo, planPath, execution.items, ctx.today());
        const rendered = renderExport(exportIn, args.to);
        const all = [...warnings, ...inputWarnings(exportIn)];
        return ok({ content: rendered.content, warnings: all }, [`${planPath} as ${args.to} (${rendered.mediaType}): ${exportIn.nodes.length} steps.`, ...all.map((w) => `Warning: ${w}`), '', rendered.content].join('\n'));
      }),
  );
}
