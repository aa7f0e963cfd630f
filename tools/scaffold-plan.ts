import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { dryRunArg } from './schemas.js';

const input = {
  slug: z.string().describe('New plan slug, e.g. add-batch-mode (or roadmap/slug)'),
  title: z.string().describe('Plan title'),
  author: z.string().describe('Author, e.g. @alex'),
  features: z.array(z.string()).optional().describe('Affected feature paths; or give proposal'),
  proposal: z.string().optional().describe('Source proposal feature/slug; or give features'),
  idea: z.string().optional().describe('Source idea slug (current format)'),
  parent: z.string().optional().describe('Roadmap to nest the plan under'),
  dryRun: dryRunArg,
};

const output = {
  plan: z.string(),
  file: z.string(),
  written: z.array(z.string()).describe('Files written (would be, with dryRun)'),
  notes: z.array(z.string()),
};

/** `scaffold_plan`: the seed's template as a draft plan, with index, back-references and links (as specplan new). */
export function registerScaffoldPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'scaffold_plan',
    {
      title: 'Scaffold a draft plan',
      description: 'Create a draft plan from the template (as specplan new), with index and back-references.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'scaffold_plan', async () => {
        const { newPlan } = await import('../src/app/new.js');
        const outcome = await newPlan(
          ctx.root,
          {
            slug: args.slug,
            title: args.title,
            author: args.author,
            features: args.features ?? [],
            proposal: args.proposal ?? null,
            idea: args.idea ?? null,
            parent: args.parent ?? null,
          },
          { today: ctx.today(), dryRun: args.dryRun === true, notify: (m) => ctx.log.warn(m) },
        );
        const touched = [...outcome.recovered, ...outcome.written];
        if (touched.length) ctx.changed(touched);
        const files = args.dryRun ? outcome.changes.map((c) => c.file) : outcome.written;
        const r = outcome.result;
        const text = [
          `${args.dryRun ? 'Would create' : 'Created'} draft plan ${r.plan} (${r.file}); files: ${files.join(', ')}`,
          ...r.notes,
          'Next: fill it in with write_plan, then set_plan_status in_review.',
        ];
        return ok({ plan: r.plan, file: r.file, written: files, notes: r.notes }, text.join('\n'));
      }),
  );
}
