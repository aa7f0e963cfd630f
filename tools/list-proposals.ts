import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listProposals } from '../src/app/read-proposals.js';
import type { ToolContext } from './context.js';
import { page, pageLine } from './paging.js';
import { ok, run } from './result.js';
import { pageArgs, pageOut, textArg } from './schemas.js';

const input = {
  status: z.string().optional().describe('Proposal status, e.g. approved'),
  feature: z.string().optional().describe('Only proposals of this feature'),
  text: textArg,
  ...pageArgs,
};

const output = {
  proposals: z.array(
    z.object({
      proposal: z.string().describe('feature/proposal-slug'),
      title: z.string(),
      status: z.string().nullable(),
      plan: z.string().nullable().describe('Forward link to its plan'),
    }),
  ),
  ...pageOut,
};

/** `list_proposals`: change requests with status and plan link; paged and filtered. */
export function registerListProposalsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_proposals',
    {
      title: 'List proposals',
      description: 'List change requests (proposals) with status and plan link; filtered, paged.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'list_proposals', () => {
        const rows = listProposals(ctx.repo(), args).map((p) => ({
          proposal: p.id,
          title: p.parsed.proposal.title,
          status: p.parsed.proposal.status,
          plan: p.parsed.proposal.plan?.href ?? null,
        }));
        const pg = page(rows, args.cursor, args.limit);
        const lines = pg.items.map((p) => `${p.proposal} [${p.status ?? '?'}] — ${p.title}${p.plan ? ` → ${p.plan}` : ''}`);
        return ok(
          { proposals: pg.items, total: pg.total, nextCursor: pg.nextCursor },
          [`Proposals: ${pageLine(pg.items.length, pg.total, pg.nextCursor)}`, ...lines].join('\n'),
        );
      }),
  );
}
