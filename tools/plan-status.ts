import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { planStatus } from '../src/app/read-plans.js';
import type { ToolContext } from './context.js';
import type { PlanFactsRow } from './facts.js';
import { page, pageLine } from './paging.js';
import { readView } from './read-view.js';
import { ok, run } from './result.js';
import { pageArgs, pageOut } from './schemas.js';

const input = {
  plan: z.string().optional().describe('Plan path; a roadmap includes its children. All plans when omitted'),
  ...pageArgs,
};

const output = {
  plans: z.array(
    z.object({
      plan: z.string(),
      parent: z.string().nullable(),
      status: z.string().describe('Derived for roadmaps, else as written'),
      progress: z.string().describe('"done/total" steps'),
      completed: z.boolean(),
      completedOn: z.string().nullable(),
      inProgress: z.boolean(),
      blockedBy: z.array(z.string()).describe('Unfinished plans it waits for'),
      blockedItems: z.array(z.string()).describe('Work items with status blocked'),
    }),
  ),
  ...pageOut,
};

function statusRow(r: PlanFactsRow) {
  const v = r.view;
  return {
    plan: r.plan,
    parent: r.parent,
    status: r.derivedStatus ?? r.status ?? '',
    progress: r.progress,
    completed: v.completed,
    completedOn: v.completedOn,
    inProgress: v.inProgress,
    blockedBy: v.blockers.plans,
    blockedItems: v.blockers.items,
  };
}

/** `plan_status`: derived status, progress, blockers and roadmap roll-up (as specplan status). */
export function registerPlanStatusTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'plan_status',
    {
      title: 'Plan status and progress',
      description: 'Derived status, step progress N/M, blockers and roadmap roll-up for one plan or all plans.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'plan_status', async () => {
        const rows = planStatus(await readView(ctx), args.plan);
        const pg = page(rows.map(statusRow), args.cursor, args.limit);
        const lines = pg.items.map(
          (r) =>
            `${r.parent ? '  ' : ''}${r.plan}: ${r.status || '?'}, ${r.progress} steps${r.completed ? ` (completed ${r.completedOn ?? ''})`.replace(' )', ')') : r.inProgress ? ' (in progress)' : ''}${r.blockedBy.length ? `, blocked by ${r.blockedBy.join(', ')}` : ''}${r.blockedItems.length ? `, blocked items ${r.blockedItems.join(', ')}` : ''}`,
        );
        return ok(
          { plans: pg.items, total: pg.total, nextCursor: pg.nextCursor },
          [`Status: ${pageLine(pg.items.length, pg.total, pg.nextCursor)}`, ...lines].join('\n'),
        );
      }),
  );
}
