import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { findProposal } from '../src/app/lookup.js';
import type { ToolContext } from './context.js';
import { documentText } from './document-text.js';
import { ok, run } from './result.js';
import { proposalArg, withMarkdownArg } from './schemas.js';

const input = {
  proposal: proposalArg,
  withMarkdown: withMarkdownArg,
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
      title: 'Read a proposal',
      description: 'Read one change request: its markdown, status, metadata fields and plan link.',
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
          `${p.id}: ${doc.title} [${doc.status ?? 'no status'}]${result.plan ? `, plan ${result.plan}` : ''}`,
          ...doc.fields.map((f) => `${f.name}: ${f.value}`),
          documentText(p.file, p.text),
        ];
        return ok(result, text.join('\n'));
      }),
  );
}
