import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { planGraph } from '../src/app/plan-graph.js';
import { PORTFOLIO_STATES } from '../src/model/portfolio.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { planArg } from './schemas.js';

const input = {
  plan: planArg.optional().describe('Plan path below spec/plans/; omit for the portfolio'),
  roadmap: z.string().optional().describe('Portfolio of one roadmap'),
};

const output = {
  plan: z.string().nullable(),
  kind: z.enum(['steps', 'plans', 'portfolio']),
  nodes: z.array(
    z.object({
      id: z.string().describe('Step number or plan path'),
      title: z.string(),
      dependsOn: z.array(z.string()),
      state: z.enum(PORTFOLIO_STATES as [string, ...string[]]).optional(),
    }),
  ),
  layers: z.array(z.array(z.string())).describe('Parallel layers; empty when cyclic'),
  criticalPath: z.array(z.string()),
  cycles: z.array(z.array(z.string())),
  unknownRefs: z.array(z.string()).describe('"step→ref" naming no step'),
  mermaid: z.string().optional(),
};

/** `plan_graph`: the step DAG of a plan, the child-plan DAG of a roadmap, or without a plan the portfolio. */
export function registerPlanGraphTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'plan_graph',
    {
      title: 'Plan graph',
      description: 'Step graph of a plan (child plans of a roadmap): layers, critical path, cycles. No plan: the open-plan portfolio (mermaid).',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'plan_graph', async () => {
        if (args.plan === undefined) {
          const [{ portfolioFor }, { omittedNote, renderPortfolioMermaid }] = await Promise.all([
            import('../src/app/portfolio.js'),
            import('../src/render/portfolio.js'),
          ]);
          const p = portfolioFor(ctx.repo(), (await ctx.execution()).items, { roadmap: args.roadmap });
          const mermaid = renderPortfolioMermaid(p);
          const waits = new Map<string, string[]>();
          for (const e of p.edges) (waits.get(e.to) ?? waits.set(e.to, []).get(e.to)!).push(e.from);
          const result = {
            plan: null,
            kind: 'portfolio' as const,
            nodes: p.nodes.map((n) => ({ id: n.plan, title: n.title, dependsOn: waits.get(n.plan) ?? [], state: n.state })),
            layers: [],
            criticalPath: [],
            cycles: [],
            unknownRefs: [],
            mermaid,
          };
          const summary = `portfolio${p.scope ? ` of ${p.scope}` : ''}: ${p.nodes.length} open plans drawn, ${p.edges.length} blocking edges, ${p.roadmaps.length} roadmaps`;
          return ok(result, [summary, omittedNote(p), '```mermaid', mermaid.trimEnd(), '```'].filter((l) => l !== null).join('\n'));
        }
        const { edgeCount, ...result } = planGraph(ctx.repo(), args.plan);
        const text = [
          `${result.plan} (${result.kind}): ${result.nodes.length} nodes, ${edgeCount} edges`,
          ...result.nodes.map((n) => `${n.id}. ${n.title} — depends on ${n.dependsOn.join(', ') || '(nothing)'}`),
          ...result.layers.map((l, i) => `layer ${i + 1}: ${l.join(', ')}`),
          result.criticalPath.length ? `critical path: ${result.criticalPath.join(' → ')}` : '',
          result.cycles.length ? `cycles: ${result.cycles.map((c) => c.join(' → ')).join('; ')}` : '',
          result.unknownRefs.length ? `unknown dependencies: ${result.unknownRefs.join(', ')}` : '',
        ].filter(Boolean);
        return ok(result, text.join('\n'));
      }),
  );
}
