import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readFeature } from '../src/app/read-features.js';
import type { ToolContext } from './context.js';
import { documentText, resourceLink } from './document-text.js';
import { readView } from './read-view.js';
import { featureUri } from './resources.js';
import { ok, run } from './result.js';
import { featureArg, withMarkdownArg } from './schemas.js';

const input = {
  feature: featureArg,
  withMarkdown: withMarkdownArg,
};

const output = {
  feature: z.string(),
  title: z.string(),
  status: z.string().nullable(),
  summary: z.string().nullable(),
  plans: z.array(z.object({ plan: z.string(), status: z.string().nullable() })).describe('Plans listing this feature'),
  proposals: z.array(z.string()),
  children: z.array(z.string()),
  acceptanceCriteria: z.array(z.string()),
  markdown: z.string().optional(),
};

/** `read_feature`: one feature spec's structure, its plans and proposals. */
export function registerReadFeatureTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'read_feature',
    {
      title: 'Read a feature',
      description: 'Read one feature spec: status, summary, sections, plans and proposals.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'read_feature', async () => {
        const { entry: f, plans } = readFeature(await readView(ctx), args.feature);
        const doc = f.parsed.feature;
        const result = {
          feature: f.path,
          title: doc.title,
          status: doc.status,
          summary: doc.summary,
          plans,
          proposals: [...f.proposals].sort(),
          children: [...f.children].sort(),
          acceptanceCriteria: doc.acceptanceCriteria,
          ...(args.withMarkdown ? { markdown: f.text } : {}),
        };
        const text = [
          `${f.path}: ${doc.title} [${doc.status ?? 'no status'}]`,
          `plans: ${plans.map((p) => `${p.plan} (${p.status ?? 'no status'})`).join(', ') || '(none)'}`,
          `proposals: ${result.proposals.join(', ') || '(none)'}`,
          `sub-features: ${result.children.join(', ') || '(none)'}`,
          'The feature document (summary, acceptance criteria and every section) follows.',
          documentText(f.file, f.text, featureUri(f.path)),
        ];
        return ok(result, text.join('\n'), [resourceLink(featureUri(f.path), f.path, doc.title)]);
      }),
  );
}
