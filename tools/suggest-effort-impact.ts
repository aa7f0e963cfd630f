import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PROVIDER_CHOICES } from '../src/app/llm.js';
import { EffortSchema, ImpactSchema } from '../src/model/plan.js';
import { findPlan } from '../src/app/lookup.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { checkCancelled, progressFor, samplingFor } from './sampling.js';
import { dryRunArg, planArg } from './schemas.js';

const input = {
  plan: planArg,
  apply: z.boolean().optional().describe('Write the suggestion into a draft/in_review plan header'),
  provider: z.enum(PROVIDER_CHOICES).optional().describe('LLM to argue the estimate; none: rules only'),
  effort: EffortSchema.optional().describe('With apply: write this instead of the suggestion'),
  impact: ImpactSchema.optional().describe('With apply: write this instead of the suggestion'),
  dryRun: dryRunArg,
};

const output = {
  plan: z.string(),
  effort: z.string().describe('Suggested S | M | L | XL'),
  impact: z.string().describe('Suggested low | medium | high | critical'),
  declared: z.object({ effort: z.string().nullable(), impact: z.string().nullable() }),
  evidence: z.array(z.string()).describe('Why: rule evidence, then the LLM reasons'),
  inconsistencies: z.array(z.string()).describe('Declared values the plan contradicts'),
  written: z.array(z.string()).describe('Files written with apply'),
};

/** `suggest_effort_impact`: effort/impact with evidence (as specplan suggest [--apply]). */
export function registerSuggestEffortImpactTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'suggest_effort_impact',
    {
      title: 'Suggest effort and impact',
      description: 'Suggest effort and impact for a plan, with evidence; apply writes them to a draft/in_review plan.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args, extra) =>
      run(ctx.log, 'suggest_effort_impact', async () => {
        const { suggest } = await import('../src/app/suggest.js');
        const progress = progressFor(extra);
        await progress(0, 2, 'estimating');
        const entry = findPlan(ctx.repo(), args.plan);
        const r = await suggest({
          root: ctx.root,
          plan: entry.path,
          apply: args.apply === true,
          dryRun: args.dryRun === true,
          values: { effort: args.effort, impact: args.impact },
          today: ctx.today(),
          model: {
            provider: args.provider,
            sampling: samplingFor(server, extra),
            beforeCall: () => progress(1, 2, args.apply ? 'asking the model, then writing' : 'asking the model'),
          },
          signal: extra.signal,
        });
        checkCancelled(extra);
        const { suggestion: s, chosen, written } = r;
        if (written.length && !args.dryRun) ctx.changed(written);
        await progress(2, 2, 'done');
        const evidence = [
          ...s.estimate.evidence.effort.map((e) => `effort: ${e}`),
          ...s.estimate.evidence.impact.map((e) => `impact: ${e}`),
          ...(s.llm
            ? [`${s.llm.provider} effort ${s.llm.effort}: ${s.llm.effortReason}`, `${s.llm.provider} impact ${s.llm.impact}: ${s.llm.impactReason}`]
            : []),
        ];
        const out = {
          plan: s.plan,
          effort: s.suggested.effort,
          impact: s.suggested.impact,
          declared: s.declared,
          evidence,
          inconsistencies: s.inconsistencies,
          written,
        };
        const text = [
          `${s.plan}: suggested effort ${s.suggested.effort}, impact ${s.suggested.impact} (declared ${s.declared.effort ?? '-'} / ${s.declared.impact ?? '-'})`,
          ...evidence.map((e) => `- ${e}`),
          ...s.inconsistencies.map((i) => `! ${i}`),
          args.apply
            ? written.length
              ? `${args.dryRun ? 'Would write' : 'Wrote'} effort ${chosen.effort}, impact ${chosen.impact}: ${written.join(', ')}`
              : 'The header already had these values.'
            : 'Call again with apply: true (optionally with your own effort/impact) to write them.',
        ];
        return ok(out, text.join('\n'));
      }),
  );
}
