import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PROVIDER_CHOICES } from '../src/app/llm.js';
import type { ToolContext } from './context.js';
import { ok, run, ToolFailure } from './result.js';
import { checkCancelled, progressFor, samplingFor } from './sampling.js';
import { allowOverlapArg, dryRunArg } from './schemas.js';

const input = {
  feature: z.string().optional().describe('Feature path to plan; or give proposal'),
  proposal: z.string().optional().describe('Approved proposal feature/slug; or give feature'),
  slug: z.string().optional().describe('Plan slug, default from the source'),
  parent: z.string().optional().describe('Roadmap to draft a child plan into'),
  author: z.string().optional().describe('Author, default @specplan'),
  provider: z.enum(PROVIDER_CHOICES).optional().describe('Default: an API key, else sampling, else an error; none: a skeleton'),
  dryRun: dryRunArg,
  allowOverlap: allowOverlapArg,
};

const output = {
  plan: z.string(),
  written: z.array(z.string()).describe('Files written (empty with dryRun)'),
  provider: z.string(),
  model: z.string(),
  usage: z.object({ llmCalls: z.number(), inputTokens: z.number(), outputTokens: z.number() }),
  markdown: z.string().describe('The validated plan'),
  overlaps: z.array(z.string()),
};

/** `draft_plan`: draft a plan with an LLM (API key, or the client's own model via sampling), validated before it is written. */
export function registerDraftPlanTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'draft_plan',
    {
      title: 'Draft a plan with a model',
      description: 'Draft a plan from a feature or approved proposal with an LLM (API key or sampling), validate and write it.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) =>
      run(ctx.log, 'draft_plan', async () => {
        if ((args.feature === undefined) === (args.proposal === undefined))
          throw new ToolFailure('give exactly one of feature or proposal', 'pass feature (e.g. cli) or proposal (e.g. cli/batch-mode)');
        const sampling = samplingFor(server, extra);
        if (args.provider !== 'none') {
          const { chosenProvider } = await import('../src/app/llm.js');
          if ((await chosenProvider(ctx.repo().config.llm, { sampling })) === 'none')
            throw new ToolFailure(
              'no model is available to draft with: no API key is set for this server and this client does not offer sampling',
              'use the draft_plan prompt to draft the plan with your own model, then save it with write_plan (it validates the plan and writes nothing while it has errors); or call draft_plan with provider "none" for a one-step skeleton to fill in',
            );
        }
        const { draft } = await import('../src/app/draft.js');
        const progress = progressFor(extra);
        const total = ctx.repo().config.llm.max_attempts + 2;
        await progress(0, total, 'assembling the spec context');
        const result = await draft({
          root: ctx.root,
          source: args.feature !== undefined ? { kind: 'feature', feature: args.feature } : { kind: 'proposal', proposal: args.proposal! },
          slug: args.slug,
          parent: args.parent ?? null,
          author: args.author,
          today: ctx.today(),
          dryRun: args.dryRun === true,
          allowOverlap: args.allowOverlap === true,
          model: {
            provider: args.provider,
            sampling,
            beforeCall: (n, provider) => progress(n, total, `${provider}: generation attempt ${n}`),
          },
          signal: extra.signal,
        });
        checkCancelled(extra);
        if (result.written.length) ctx.changed(result.written);
        await progress(total, total, 'done');
        const out = {
          plan: result.plan,
          written: result.written,
          provider: result.provider,
          model: result.model,
          usage: result.usage.totals,
          markdown: result.markdown,
          overlaps: result.overlaps,
        };
        const head = `${args.dryRun ? 'Drafted (not written)' : 'Drafted and wrote'} ${result.plan} with ${result.provider}${result.provider === 'none' ? ' (deterministic skeleton: set an API key or use a client with sampling for an LLM draft)' : ` ${result.model}, ${result.attempts} attempt(s)`}.`;
        const overlaps = result.overlaps.map((o) => `Overlap (allowed): ${o}`);
        return ok(out, [head, ...result.notes, ...overlaps, '', result.markdown].join('\n'));
      }),
  );
}
