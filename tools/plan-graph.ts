import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { planGraph } from '../src/app/plan-graph.js';
import type { ToolContext } from './context.js';
import { ok, run } from './result.js';
import { planArg } from './schemas.js';

const input = { plan: planArg };

const output = {
  plan: z.string(),
  kind: z.enum(['steps', 'plans']).describe('steps for a plan, plans for a roadmap'),
  nodes: z.array(
    z.object({
      id: z.string().describe('Step number or child plan path'),
      title: z.string(),
      dependsOn: z.array(z.string()).describe('Declared and implied predecessors'),
    }),
  ),
  layers: z.array(z.array(z.string())).describe('Parallel layers; empty when cyclic'),
  criticalPath: z.array(z.string()),
  cycles: z.array(z.array(z.string())),
  unknownRefs: z.array(z.string()).describe('"step→ref" naming no step'),
};

/** `plan_graph`: the step DAG of a plan (or the child-plan DAG of a roadmap). */
export function registerPlanGraphTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'plan_graph',
    {
      title: 'Plan dependency graph',
      description: 'Step dependency graph of a plan (child plans for a roadmap): parallel layers, critical path, cycles.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'plan_graph', () => {
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
