import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listPlans } from '../src/app/read-plans.js';
import type { ToolContext } from './context.js';
import { publicRow } from './facts.js';
import { page, pageLine } from './paging.js';
import { readView } from './read-view.js';
import { ok, run } from './result.js';
import { pageArgs, pageOut, PlanRowOut, textArg, type PlanRow } from './schemas.js';

const input = {
  status: z.string().optional().describe('Written or derived status, e.g. draft, approved, in_progress'),
  feature: z.string().optional().describe('Only plans listing this feature (or a sub-feature)'),
  text: textArg,
  ...pageArgs,
};

const output = { plans: z.array(PlanRowOut), ...pageOut };

/** One row as a line carrying every field of it. */
function planLine(r: PlanRow): string {
  const status = r.derivedStatus !== r.status ? `${r.status ?? 'no status'}, derived ${r.derivedStatus ?? 'none'}` : (r.status ?? 'no status');
  const facts = [
    r.roadmap ? 'roadmap' : '',
    r.parent ? `in ${r.parent}` : '',
    `features ${r.features.join(', ') || '(none)'}`,
    `effort ${r.effort ?? '-'}, impact ${r.impact ?? '-'}`,
    r.blocked ? 'blocked' : '',
  ].filter(Boolean);
  return `${r.plan} [${status}] ${r.progress} steps — ${r.title}; ${facts.join('; ')}`;
}

/** `list_plans`: plans with status, features, ROI and progress; paged and filtered. */
export function registerListPlansTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_plans',
    {
      title: 'List plans',
      description: 'List plans with status, features, effort/impact and progress; filtered, paged.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'list_plans', async () => {
        const rows = listPlans(await readView(ctx), args);
        const p = page(rows, args.cursor, args.limit);
        const plans = p.items.map(publicRow);
        const lines = plans.map(planLine);
        return ok({ plans, total: p.total, nextCursor: p.nextCursor }, [`Plans: ${pageLine(plans.length, p.total, p.nextCursor)}`, ...lines].join('\n'));
      }),
  );
}
