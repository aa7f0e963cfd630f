import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PROVIDER_CHOICES } from '../src/app/llm.js';
import { EffortSchema, ImpactSchema } from '../src/model/plan-schema.js';
import { findPlan } from '../src/app/lookup.js';
import type { ToolContext } from './context.js';
import { ok, run, ToolFailure } from './result.js';
import { checkCancelled, progressFor, samplingFor } from './sampling.js';
import { dryRunArg, planArg } from './schemas.js';

const suggestInput = {
  plan: planArg,
  provider: z.enum(PROVIDER_CHOICES).optional().describe('LLM to argue; none: rules only'),
  apply: z.boolean().optional().describe('Refused: see apply_effort_impact'),
};

const suggestOutput = {
  plan: z.string(),
  effort: z.string(),
  impact: z.string(),
  declared: z.object({ effort: z.string().nullable(), impact: z.string().nullable() }),
  evidence: z.array(z.string()),
  notTaken: z.array(z.string()),
  inconsistencies: z.array(z.string()),
  written: z.array(z.string()),
};

const applyInput = {
  plan: planArg,
  effort: EffortSchema.optional().describe('Default: declared if consistent, else estimate'),
  impact: ImpactSchema.optional().describe('Default: same rule'),
  dryRun: dryRunArg,
};

const applyOutput = {
  plan: z.string(),
  effort: z.string(),
  impact: z.string(),
  forced: z.array(z.string()),
  written: z.array(z.string()),
};

/**
 * `suggest_effort_impact` (reads: effort/impact with evidence, as `specplan suggest`) and
 * `apply_effort_impact` (rewrites the header's Effort and Impact with exactly the values given,
 * never asking a model).
 */
export function registerSuggestEffortImpactTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'suggest_effort_impact',
    {
      title: 'Suggest effort and impact',
      description: 'Effort and impact of a plan, with evidence. Read-only: apply_effort_impact writes.',
      inputSchema: suggestInput,
      outputSchema: suggestOutput,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args, extra) =>
      run(ctx.log, 'suggest_effort_impact', async () => {
        if (args.apply)
          throw new ToolFailure('suggest_effort_impact only reads', [
            'call apply_effort_impact with the plan and the effort and impact you accept; it writes exactly those values',
          ]);
        const { suggest } = await import('../src/app/suggest.js');
        const progress = progressFor(extra);
        await progress(0, 2, 'estimating');
        const entry = findPlan(ctx.repo(), args.plan);
        const r = await suggest({
          root: ctx.root,
          plan: entry.path,
          today: ctx.today(),
          model: { provider: args.provider, sampling: samplingFor(server, extra), beforeCall: () => progress(1, 2, 'asking the model') },
          signal: extra.signal,
        });
        checkCancelled(extra);
        const s = r.suggestion;
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
          notTaken: s.notTaken,
          inconsistencies: s.inconsistencies,
          written: [],
        };
        const text = [
          `${s.plan}: suggested effort ${s.suggested.effort}, impact ${s.suggested.impact} (declared ${s.declared.effort ?? '-'} / ${s.declared.impact ?? '-'})`,
          ...evidence.map((e) => `- ${e}`),
          ...s.notTaken.map((n) => `! ${n}`),
          ...s.inconsistencies.map((i) => `! ${i}`),
          `To write these, call apply_effort_impact with {"plan":"${s.plan}","effort":"${s.suggested.effort}","impact":"${s.suggested.impact}"} (or the values you prefer).`,
        ];
        return ok(out, text.join('\n'));
      }),
  );
  server.registerTool(
    'apply_effort_impact',
    {
      title: 'Apply effort and impact',
      description: 'Write exactly the given Effort/Impact to a draft or in_review plan. No model call.',
      inputSchema: applyInput,
      outputSchema: applyOutput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'apply_effort_impact', async () => {
        const { applyEstimate } = await import('../src/app/suggest.js');
        const entry = findPlan(ctx.repo(), args.plan);
        const r = await applyEstimate({
          root: ctx.root,
          plan: entry.path,
          values: { effort: args.effort, impact: args.impact },
          today: ctx.today(),
          dryRun: args.dryRun === true,
        });
        if (r.written.length && !args.dryRun) ctx.changed(r.written);
        const c = r.chosen;
        const out = { plan: r.plan, effort: c.effort, impact: c.impact, forced: c.forced, written: r.written };
        const verb = args.dryRun ? 'Would write' : 'Wrote';
        const text = [
          r.written.length
            ? `${verb} effort ${c.effort} (${c.from.effort}), impact ${c.impact} (${c.from.impact}): ${r.written.join(', ')}`
            : `The header already has effort ${c.effort}, impact ${c.impact}; nothing written.`,
          ...c.forced.map((f) => `! ${f}`),
        ];
        return ok(out, text.join('\n'));
      }),
  );
}
