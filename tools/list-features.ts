import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { planFacts } from './facts.js';
import { matchesText, page, pageLine } from './paging.js';
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
      description: 'List feature specs with status and the plans touching each; filtered, paged.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'list_features', async () => {
        const repo = ctx.repo();
        const plansOf = new Map<string, string[]>();
        for (const r of (await planFacts(ctx)).values()) for (const f of r.features) (plansOf.get(f) ?? plansOf.set(f, []).get(f)!).push(r.plan);
        const status = args.status?.toLowerCase();
        const rows = [...repo.features.values()]
          .filter((f) => (!status || f.parsed.feature.status?.toLowerCase() === status) && matchesText(args.text, f.path, f.parsed.feature.title, args.text ? f.text : null))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
          .map((f) => ({
            feature: f.path,
            title: f.parsed.feature.title,
            status: f.parsed.feature.status,
            plans: plansOf.get(f.path) ?? [],
            proposals: f.proposals.length,
            children: f.children.length,
          }));
        const p = page(rows, args.cursor, args.limit);
        const lines = p.items.map((f) => `${f.feature} [${f.status ?? '?'}] — ${f.title}${f.plans.length ? ` (plans: ${f.plans.join(', ')})` : ''}`);
        return ok({ features: p.items, total: p.total, nextCursor: p.nextCursor }, [`Features: ${pageLine(p.items.length, p.total, p.nextCursor)}`, ...lines].join('\n'));
      }),
  );
}
