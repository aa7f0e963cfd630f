import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { TransitionName } from '../src/model/errors.js';
import type { ToolContext } from './context.js';
import { confirmTransition } from './elicit.js';
import { ok, run } from './result.js';
import { dryRunArg, planArg } from './schemas.js';

/** Stands for the approver the person will name, while the transition is checked before asking them. */
const PENDING_APPROVER = '@approver';

const ACTION: Record<string, TransitionName> = {
  in_review: 'submit',
  draft: 'revise',
  approved: 'approve',
  superseded: 'supersede',
  rejected: 'reject',
  withdrawn: 'withdraw',
  deprecated: 'deprecate',
};

const input = {
  plan: planArg,
  status: z
    .enum(['in_review', 'draft', 'approved', 'superseded', 'rejected', 'withdrawn', 'deprecated'])
    .describe('New status (the last three: current format)'),
  approver: z.string().optional().describe('Approver, e.g. @jordan'),
  date: z.string().optional().describe('Approval date YYYY-MM-DD, default today'),
  by: z.string().optional().describe('Required for superseded: the successor plan'),
  comment: z.string().optional().describe('Snapshot comment (current format)'),
  dryRun: dryRunArg,
};

const output = {
  plan: z.string(),
  from: z.string(),
  to: z.string(),
  written: z.array(z.string()).describe('Files written (would be, with dryRun)'),
  notes: z.array(z.string()),
};

/** `set_plan_status`: the lifecycle transitions (as specplan submit/approve/revise/reject/withdraw/supersede/deprecate). */
export function registerSetPlanStatusTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'set_plan_status',
    {
      title: "Change a plan's status",
      description: "Change a plan's status in its format's lifecycle (seed: approving freezes it; the current format also rejects, withdraws, deprecates).",
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    (args, extra) =>
      run(ctx.log, 'set_plan_status', async () => {
        const { transitionPlan } = await import('../src/app/transition.js');
        const transition = (approver: string | undefined, dryRun: boolean) =>
          transitionPlan(
            ctx.root,
            {
              plan: args.plan,
              action: ACTION[args.status]!,
              ...(approver !== undefined ? { approver } : {}),
              ...(args.date !== undefined ? { date: args.date } : {}),
              ...(args.by !== undefined ? { by: args.by } : {}),
              ...(args.comment !== undefined ? { comment: args.comment } : {}),
            },
            { today: ctx.today(), dryRun, notify: (m) => ctx.log.warn(m) },
          );
        // A person decides what cannot be undone, when the client can ask them; only once the
        // transition is known to be allowed (the approver they name is checked when it is written).
        const confirmed = args.dryRun
          ? null
          : await confirmTransition(server, extra, args, async () => {
              await transition(args.approver ?? PENDING_APPROVER, true);
            });
        const outcome = await transition(confirmed?.approver ?? args.approver, args.dryRun === true);
        const touched = [...outcome.recovered, ...outcome.written];
        if (touched.length) ctx.changed(touched);
        const files = args.dryRun ? outcome.changes.map((c) => c.file) : outcome.written;
        const r = outcome.result;
        const text = [
          `${args.dryRun ? 'Would move' : 'Moved'} plan ${r.plan} from ${r.from} to ${r.to}${r.approver ? ` (approved by ${r.approver} on ${r.approved})` : ''}${r.supersededBy ? ` (superseded by ${r.supersededBy})` : ''}${r.snapshot ? ` (snapshot ${r.snapshot.hash}: ${r.snapshot.comment})` : ''}; files: ${files.join(', ')}`,
          ...r.notes,
        ];
        return ok({ plan: r.plan, from: r.from, to: r.to, written: files, notes: r.notes }, text.join('\n'));
      }),
  );
}
