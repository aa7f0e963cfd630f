import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WHATS_NEXT } from '../src/model/repository.js';
import { ModeSchema } from '../src/model/whats-next-report-schema.js';
import type { ToolContext } from './context.js';
import { toolHint } from './hint.js';
import { ok, run } from './result.js';
import { checkCancelled, progressFor, samplingFor } from './sampling.js';
import { dryRunArg } from './schemas.js';

const input = {
  mode: ModeSchema.describe('incremental: only what changed; full: everything'),
  dryRun: dryRunArg,
};

const output = {
  status: z.string().describe('written, up-to-date or dry-run'),
  mode: z.string(),
  changed: z.boolean(),
  recommended: z.array(z.string()).describe('Recommended plans, best first'),
  usage: z.object({ llmCalls: z.number(), inputTokens: z.number(), outputTokens: z.number() }),
  markdown: z.string().describe('The visible report'),
};

/** `regenerate_whats_next`: rebuild spec/plans/WHATS-NEXT.md (as whats-next --incremental/--full). */
export function registerRegenerateWhatsNextTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'regenerate_whats_next',
    {
      title: "Regenerate What's Next",
      description: `Rebuild ${WHATS_NEXT}: unblocked plans ranked by ROI, unlocks and momentum.`,
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    (args, extra) =>
      run(ctx.log, 'regenerate_whats_next', async () => {
        const progress = progressFor(extra);
        await progress(0, 2, `ranking plans (${args.mode})`);
        const { readWhatsNext, runWhatsNextUpdate, visibleReport } = await import('../src/app/whats-next.js');
        const r = await runWhatsNextUpdate({
          root: ctx.root,
          mode: args.mode,
          dryRun: args.dryRun === true,
          today: ctx.today(),
          signal: extra.signal,
          model: { sampling: samplingFor(server, extra) },
        });
        checkCancelled(extra);
        if (r.status === 'written') ctx.changed([WHATS_NEXT]);
        await progress(2, 2, 'done');
        const g = r.result;
        // Up to date without generating: report what the file says.
        const shown = g
          ? { recommended: g.report.recommended.map((x) => x.plan), markdown: await visibleReport(g.text) }
          : await readWhatsNext({ root: ctx.root });
        const out = {
          status: r.status,
          mode: g?.mode ?? args.mode,
          changed: g?.changed ?? false,
          recommended: shown.recommended,
          usage: r.usage,
          markdown: shown.markdown,
        };
        const messages = r.messages.map((m) => (typeof m === 'string' ? m : toolHint(m)));
        return ok(out, [...messages, '', shown.markdown.trimEnd()].join('\n'));
      }),
  );
}
