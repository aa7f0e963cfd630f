import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { SpecRepo } from '../src/model/repository.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';

const input = {
  check: z.boolean().optional().describe('Only report drift, write nothing'),
};

const output = {
  drift: z.array(z.string()).describe('Files that differ from what the plans say'),
  written: z.array(z.string()).describe('Files written (empty with check)'),
};

/**
 * `update_index`: rewrite spec/plans/README.md and every feature's ## Plans table (as specplan
 * index); an error naming each unreadable plan document, with nothing written, while any exists.
 */
export function registerUpdateIndexTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'update_index',
    {
      description: "Regenerate spec/plans/README.md and features' ## Plans tables; check only reports drift.",
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'update_index', async () => {
        const [{ computeIndexChanges }, { applyChanges }, { assertIndexInputsRead }] = await Promise.all([
          import('../src/edit/index-sync.js'),
          import('../src/repo/write.js'),
          import('../src/analysis/index-inputs.js'),
        ]);
        const changesOf = async (repo: SpecRepo) => {
          // A plan that cannot be read would lose its row: an error naming it, and nothing written.
          assertIndexInputsRead(repo);
          const { items } = await ctx.execution();
          return computeIndexChanges(repo, { items });
        };
        let drift: string[];
        let written: string[] = [];
        if (args.check) drift = (await changesOf(ctx.repo())).map((c) => c.file);
        else {
          // Read again under the lock, as specplan index does.
          ({ drift, written } = await ctx.write(async (repo) => {
            const changes = await changesOf(repo);
            const files = await applyChanges(repo.root, changes);
            return { result: { drift: changes.map((c) => c.file), written: files }, written: files };
          }));
        }
        const text = drift.length === 0 ? 'The plans index and the feature Plans tables are up to date.' : `${args.check ? 'Out of date (call update_index to rewrite)' : 'Updated'}: ${drift.join(', ')}`;
        return ok({ drift, written }, text);
      }),
  );
}
