import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { IMPORT_FORMATS } from '../src/model/interop-formats.js';
import { dryRunArg } from './schemas.js';
import type { ToolContext } from './context.js';
import { toolHint } from './hint.js';
import { ok, run, ToolFailure } from './result.js';
import { samplingFor } from './sampling.js';

/* Schemas are kept small: every tool's schemas share the tools/list budget (24,000 characters). */
const input = {
  from: z.enum(IMPORT_FORMATS).describe('Source format'),
  markdown: z.string().describe('Source document'),
  feature: z.string().describe('Feature path'),
  slug: z.string().optional().describe('Plan slug'),
  dryRun: dryRunArg,
};

const output = {
  plan: z.string(),
  written: z.array(z.string()),
  unmapped: z.array(z.string()).describe('Source parts not mapped'),
  markdown: z.string(),
};

/**
 * `import_plan`: convert an ExecPlan, spec-kit plan or execution plan into a draft plan, created
 * like the CLI's import (index, back-references, progress into the ledger). Prose-only sources
 * are drafted by the configured LLM or the client's model (sampling). Unmapped parts are listed.
 */
export function registerImportPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'import_plan',
    {
      title: 'Import a plan',
      description: 'Convert an ExecPlan, spec-kit or execution plan into a draft plan; lists what could not be mapped.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    (args, extra) =>
      run(ctx.log, 'import_plan', async () => {
        const lines = (u: { line: number; section: string; text: string; reason: string }) =>
          `line ${u.line}${u.section ? ` [${u.section}]` : ''} ${u.text}: ${u.reason}`;
        const { importPlan, ImportProblem } = await import('../src/app/import.js');
        try {
          const result = await importPlan({
            root: ctx.root,
            text: args.markdown,
            sourceLabel: '',
            fallbackTitle: args.slug ? args.slug.replace(/-/g, ' ') : undefined,
            from: args.from,
            source: { kind: 'feature', feature: args.feature },
            slug: args.slug,
            today: ctx.today(),
            dryRun: args.dryRun === true,
            model: { sampling: samplingFor(server, extra) },
            signal: extra.signal,
          });
          if (result.written.length) ctx.changed(result.written);
          const unmapped = result.unmapped.map(lines);
          const head = `${args.dryRun ? 'Imported (not written)' : 'Imported and wrote'} ${result.plan}: ${result.steps} steps, ${result.acceptanceCriteria} acceptance criteria, ${result.ledger.length} ledger items, mapped by ${result.mappedBy}; ${unmapped.length} source parts not mapped.`;
          return ok(
            { plan: result.plan, written: result.written, unmapped, markdown: result.markdown },
            [head, ...result.notes.map((n) => `Note: ${n}`), ...unmapped.map((u) => `- ${u}`), '', result.markdown].join('\n'),
          );
        } catch (e) {
          if (e instanceof ImportProblem)
            throw new ToolFailure(e.message, e.hint ? toolHint(e.hint) : undefined, { unmapped: e.unmapped.map(lines), notes: e.notes });
          throw e;
        }
      }),
  );
}
