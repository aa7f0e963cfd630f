import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { findProposal } from '../src/app/lookup.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { proposalArg } from './schemas.js';

const input = {
  proposal: proposalArg,
  withMarkdown: z.boolean().optional().describe('Also return the README text'),
};

const output = {
  proposal: z.string(),
  title: z.string(),
  status: z.string().nullable(),
  plan: z.string().nullable().describe('Forward link to its plan'),
  fields: z.array(z.object({ name: z.string(), value: z.string() })).describe('Metadata table rows'),
  markdown: z.string().optional(),
};

/** `read_proposal`: one change request's metadata and (optionally) its text. */
export function registerReadProposalTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'read_proposal',
    {
      description: 'Read one change request: status, metadata fields, plan link and optionally its text.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'read_proposal', () => {
        const p = findProposal(ctx.repo(), args.proposal);
        const doc = p.parsed.proposal;
        const result = {
          proposal: p.id,
          title: doc.title,
          status: doc.status,
          plan: doc.plan?.href ?? null,
          fields: doc.fields.map((f) => ({ name: f.name, value: f.value })),
          ...(args.withMarkdown ? { markdown: p.text } : {}),
        };
        const text = [
          `${p.id}: ${doc.title} [${doc.status ?? 'no status'}]`,
          ...doc.fields.map((f) => `${f.name}: ${f.value}`),
          args.withMarkdown ? `\n${p.text}` : '',
        ].filter(Boolean);
        return ok(result, text.join('\n'));
      }),
  );
}
