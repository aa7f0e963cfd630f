import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { LlmProvider } from '../src/llm/provider.js';
import { createProvider, PROVIDER_CHOICES } from '../src/llm/select.js';
import type { ToolContext } from './context.js';
import { ok, run, ToolFailure } from './result.js';
import { checkCancelled, progressFor, samplingFor } from './sampling.js';
import { dryRunArg } from './schemas.js';

const input = {
  feature: z.string().optional().describe('Feature path to plan; or give proposal'),
  proposal: z.string().optional().describe('Approved proposal feature/slug; or give feature'),
  slug: z.string().optional().describe('Plan slug, default from the source'),
  parent: z.string().optional().describe('Roadmap to draft a child plan into'),
  author: z.string().optional().describe('Author, default @specplan'),
  provider: z.enum(PROVIDER_CHOICES).optional().describe('LLM provider; auto uses an API key, else MCP sampling, else none (skeleton)'),
  dryRun: dryRunArg,
};

const output = {
  plan: z.string(),
  written: z.array(z.string()).describe('Files written (empty with dryRun)'),
  provider: z.string(),
  model: z.string(),
  usage: z.object({ llmCalls: z.number(), inputTokens: z.number(), outputTokens: z.number() }),
  markdown: z.string().describe('The validated plan'),
};

/** Report progress before each LLM call the provider makes. */
function withProgress(provider: LlmProvider, progress: (n: number, total: number, message: string) => Promise<void>, total: number): LlmProvider {
  let calls = 0;
  return {
    name: provider.name,
    model: provider.model,
    async complete(req) {
      calls++;
      await progress(calls, total, `${provider.name}: generation attempt ${calls}`);
      return provider.complete(req);
    },
  };
}

/** `draft_plan`: draft a plan with an LLM (API key, or the client's own model via sampling), validated before it is written. */
export function registerDraftPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'draft_plan',
    {
      description: "Draft a plan from a feature or approved proposal with an LLM (API key, else this client's model via sampling), validate and write it.",
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) =>
      run(ctx.log, 'draft_plan', async () => {
        if ((args.feature === undefined) === (args.proposal === undefined)) throw new ToolFailure('give exactly one of feature or proposal', 'pass feature (e.g. cli) or proposal (e.g. cli/batch-mode)');
        const [{ readConventionDocs }, { draftPlan }, { writeDraftPlan }] = await Promise.all([import('../src/repo/conventions.js'), import('../src/drafting/draft-plan.js'), import('../src/app/write-draft.js')]);
        const repo = ctx.repo();
        const progress = progressFor(extra);
        const maxAttempts = repo.config.llm.max_attempts;
        const total = maxAttempts + 2;
        await progress(0, total, 'assembling the spec context');
        const selected = await createProvider({ flag: args.provider, config: repo.config.llm, sampling: samplingFor(server, extra) });
        const result = await draftPlan({
          repo,
          source: args.feature !== undefined ? { kind: 'feature', feature: args.feature } : { kind: 'proposal', proposal: args.proposal! },
          provider: withProgress(selected.provider, progress, total),
          slug: args.slug,
          parent: args.parent ?? null,
          author: args.author,
          today: ctx.today(),
          conventions: readConventionDocs(ctx.root),
          signal: extra.signal,
        });
        checkCancelled(extra);
        let written: string[] = [];
        let notes: string[] = [];
        if (!args.dryRun) {
          await progress(total - 1, total, `writing ${result.file}`);
          ({ written, notes } = await writeDraftPlan(ctx.root, result));
          ctx.changed(written);
        }
        await progress(total, total, 'done');
        const usage = selected.usage.totals();
        const out = { plan: result.planPath, written, provider: result.provider, model: result.model, usage, markdown: result.markdown };
        const head = `${args.dryRun ? 'Drafted (not written)' : 'Drafted and wrote'} ${result.planPath} with ${result.provider}${result.provider === 'none' ? ' (deterministic skeleton: set an API key or use a client with sampling for an LLM draft)' : ` ${result.model}, ${result.attempts} attempt(s)`}.`;
        return ok(out, [head, ...notes, '', result.markdown].join('\n'));
      }),
  );
}
