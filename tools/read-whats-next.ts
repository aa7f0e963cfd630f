import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { splitReport } from '../src/parse/whats-next.js';
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

/** The header fields and recommended plans of a WHATS-NEXT.md report. */
export function summarizeWhatsNext(text: string): { generated: string | null; mode: string | null; recommended: string[] } {
  const field = (name: string) => new RegExp(`^\\*\\*${name}:\\*\\*\\s*(.+)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  const section = /^## Recommended Next\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const recommended = [...section.matchAll(/^\d+\.\s+\*\*\[([^\]]+)\]\(([^)]*)\)\*\*/gm)].map((m) => m[2]!.replace(/\/+$/, '') || m[1]!);
  return { generated: field('Generated'), mode: field('Mode'), recommended };
}

/** `read_whats_next`: the committed WHATS-NEXT.md report. */
export function registerReadWhatsNextTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'read_whats_next',
    {
      description: "Read spec/plans/WHATS-NEXT.md: generated date, mode, recommended plans and the full report.",
      inputSchema: {},
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      run(ctx.log, 'read_whats_next', () => {
        const wn = ctx.repo().whatsNext;
        if (!wn) {
          return ok({ exists: false, generated: null, mode: null, recommended: [], markdown: '' }, `${WHATS_NEXT} does not exist yet; call regenerate_whats_next with mode "full" to create it.`);
        }
        const body = splitReport(wn.text).body.trimEnd();
        const s = summarizeWhatsNext(body);
        return ok({ exists: true, ...s, markdown: `${body}\n` }, body);
      }),
  );
}
