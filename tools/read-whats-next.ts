import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { WHATS_NEXT } from '../src/model/repository.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';

const output = {
  exists: z.boolean(),
  generated: z.string().nullable(),
  mode: z.string().nullable(),
  recommended: z.array(z.string()).describe('Recommended plan paths, in rank order'),
  markdown: z.string().describe('The visible report (state comment removed); empty when missing'),
};

/** `read_whats_next`: the committed WHATS-NEXT.md report. */
export function registerReadWhatsNextTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'read_whats_next',
    {
      title: "Read What's Next",
      description: 'Read spec/plans/WHATS-NEXT.md: generated date, mode, recommended plans and the full report.',
      inputSchema: {},
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      run(ctx.log, 'read_whats_next', async () => {
        const { readWhatsNext } = await import('../src/app/whats-next.js');
        const r = await readWhatsNext({ root: ctx.root });
        if (!r.exists) return ok(r, `${WHATS_NEXT} does not exist yet; call regenerate_whats_next with mode "full" to create it.`);
        return ok(r, r.markdown.trimEnd());
      }),
  );
}
