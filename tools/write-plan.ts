import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { ok, run, ToolFailure } from './result.js';
import { allowOverlapArg, dryRunArg, planArg } from './schemas.js';

const MAX_MARKDOWN = 1024 * 1024;

const input = {
  plan: planArg,
  markdown: z.string().max(MAX_MARKDOWN).optional().describe('Whole plan document. Give this or document'),
  document: z.record(z.string(), z.unknown()).optional().describe('A plan_draft (draft_plan prompt) or a read_plan document'),
  feature: z.string().optional().describe('Source feature of a new plan given as plan_draft'),
  proposal: z.string().optional().describe('Source proposal of a new plan given as plan_draft'),
  author: z.string().optional().describe('Author of a new plan given as plan_draft'),
  dryRun: dryRunArg,
  allowOverlap: allowOverlapArg,
};

const output = {
  plan: z.string(),
  created: z.boolean().describe('True when the plan did not exist'),
  written: z.array(z.string()).describe('Files written (would be, with dryRun)'),
  warnings: z.array(z.string()).describe('file:line:col rule message'),
};

/** `write_plan`: validate a plan from the client's model and write it with index and back-references. */
export function registerWritePlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'write_plan',
    {
      title: 'Write a plan',
      description: 'Create or replace a draft/in_review plan from markdown or a document. Lint errors come back as file:line rule message to fix.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'write_plan', async () => {
        if ((args.markdown === undefined) === (args.document === undefined)) {
          throw new ToolFailure(
            'give exactly one of "markdown" (the whole plan document) or "document" (a structured plan)',
            'pass the plan as markdown text, or as document: a plan_draft object or the document read_plan returns',
          );
        }
        const { writePlan } = await import('../src/app/write-plan.js');
        const r = await writePlan({
          root: ctx.root,
          plan: args.plan,
          content: args.markdown !== undefined ? { markdown: args.markdown } : { document: args.document! },
          feature: args.feature,
          proposal: args.proposal,
          author: args.author,
          today: ctx.today(),
          dryRun: args.dryRun === true,
          allowOverlap: args.allowOverlap === true,
        });
        if (r.written.length) ctx.changed(r.written);
        const head = `${args.dryRun ? 'Would write' : r.created ? 'Created' : 'Updated'} plan ${r.plan}: ${r.files.join(', ') || 'no change'}`;
        const warn = r.warnings.length ? `\n${r.warnings.length} warning(s):\n${r.warnings.join('\n')}` : '';
        return ok({ plan: r.plan, created: r.created, written: r.files, warnings: r.warnings }, head + warn);
      }),
  );
}
