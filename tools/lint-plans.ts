import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { SeveritySchema } from '../src/model/common-schema.js';
import { formatDiagnostic } from '../src/render/diagnostic.js';
import type { ToolContext } from './context.js';
import { page, pageLine } from './paging.js';
import { ok, run } from './result.js';
import { DiagnosticOut, pageArgs, pageOut } from './schemas.js';

const input = {
  paths: z.array(z.string()).optional().describe('Files, folders or plan paths; all when omitted'),
  severity: SeveritySchema.optional().describe('Minimum severity, default info'),
  ...pageArgs,
};

const output = {
  diagnostics: z.array(DiagnosticOut),
  errorCount: z.number(),
  warningCount: z.number(),
  ...pageOut,
};

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** `lint_plans`: the same findings as `specplan lint`, paged. */
export function registerLintPlansTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'lint_plans',
    {
      title: 'Lint the spec',
      description: 'Lint plans, features, proposals, the index and back-references (as specplan lint).',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'lint_plans', async () => {
        const { lintPlans } = await import('../src/app/lint.js');
        const { items, findings } = await ctx.execution();
        const result = lintPlans(ctx.repo(), args.paths ?? [], { items, ledgerFindings: findings });
        const min = RANK[args.severity ?? 'info'];
        const shown = result.diagnostics.filter((d) => RANK[d.severity] <= min);
        const pg = page(shown, args.cursor, args.limit);
        const lines = pg.items.map(formatDiagnostic);
        const head = `${result.errorCount} errors, ${result.warningCount} warnings; showing ${pageLine(pg.items.length, pg.total, pg.nextCursor)}`;
        return ok(
          { diagnostics: pg.items, errorCount: result.errorCount, warningCount: result.warningCount, total: pg.total, nextCursor: pg.nextCursor },
          [head, ...lines].join('\n'),
        );
      }),
  );
}
