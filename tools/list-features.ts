import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listFeatures } from '../src/app/read-features.js';
import type { ToolContext } from './context.js';
import { page, pageLine } from './paging.js';
import { readView } from './read-view.js';
import { ok, run } from './result.js';
import { pageArgs, pageOut, textArg } from './schemas.js';

const input = {
  status: z.string().optional().describe('Feature status, e.g. Conceptual, Stable (case-insensitive)'),
  text: textArg,
  ...pageArgs,
};

const output = {
  features: z.array(
    z.object({
      feature: z.string().describe('Feature path'),
      title: z.string(),
      status: z.string().nullable(),
      plans: z.array(z.string()).describe('Plans listing this feature'),
      proposals: z.number(),
      children: z.number(),
    }),
  ),
  ...pageOut,
};

/** `list_features`: feature specs with status and the plans that touch them; paged and filtered. */
export function registerListFeaturesTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_features',
    {
      title: 'List features',
      description: 'List feature specs with status and the plans touching each; filtered, paged.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'list_features', async () => {
        const rows = listFeatures(await readView(ctx), args).map(({ entry: f, plans }) => ({
          feature: f.path,
          title: f.parsed.feature.title,
          status: f.parsed.feature.status,
          plans: plans.map((p) => p.plan),
          proposals: f.proposals.length,
          children: f.children.length,
        }));
        const p = page(rows, args.cursor, args.limit);
        const lines = p.items.map(
          (f) =>
            `${f.feature} [${f.status ?? 'no status'}] — ${f.title}; plans ${f.plans.join(', ') || '(none)'}; ${f.proposals} proposals, ${f.children} sub-features`,
        );
        return ok(
          { features: p.items, total: p.total, nextCursor: p.nextCursor },
          [`Features: ${pageLine(p.items.length, p.total, p.nextCursor)}`, ...lines].join('\n'),
        );
      }),
  );
}
