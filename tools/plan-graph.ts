import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { planPredecessors } from '../src/analysis/plan-graph.js';
import { buildStepGraph, findCycles } from '../src/analysis/step-graph.js';
import type { ToolContext } from './context.js';
import { findPlan } from './lookup.js';
import { ok, run } from './result.js';
import { planArg } from './schemas.js';

const input = { plan: planArg };

const output = {
  plan: z.string(),
  kind: z.enum(['steps', 'plans']).describe('steps for a plan, plans for a roadmap'),
  nodes: z.array(z.object({ id: z.string().describe('Step number or child plan path'), title: z.string(), dependsOn: z.array(z.string()).describe('Declared and implied predecessors') })),
  layers: z.array(z.array(z.string())).describe('Parallel layers; empty when cyclic'),
  criticalPath: z.array(z.string()),
  cycles: z.array(z.array(z.string())),
  unknownRefs: z.array(z.string()).describe('"step→ref" naming no step'),
};

/** Longest-path layers and one longest chain over a small DAG. */
function layersOf(ids: string[], edges: Array<{ from: string; to: string }>): { layers: string[][]; criticalPath: string[] } {
  const preds = new Map(ids.map((i) => [i, edges.filter((e) => e.to === i).map((e) => e.from).sort()]));
  const level = new Map<string, number>();
  const via = new Map<string, string | null>();
  const depth = (v: string): number => {
    if (level.has(v)) return level.get(v)!;
    let l = 0;
    let best: string | null = null;
    for (const p of preds.get(v) ?? []) if (depth(p) + 1 > l) [l, best] = [depth(p) + 1, p];
    level.set(v, l);
    via.set(v, best);
    return l;
  };
  ids.forEach(depth);
  const layers: string[][] = [];
  for (const id of ids) (layers[level.get(id)!] ??= []).push(id);
  let end: string | null = null;
  for (const id of ids) if (end === null || level.get(id)! > level.get(end)!) end = id;
  const criticalPath: string[] = [];
  for (let v = end; v !== null; v = via.get(v) ?? null) criticalPath.unshift(v);
  return { layers: layers.map((l) => l.sort()), criticalPath };
}

/** `plan_graph`: the step DAG of a plan (or the child-plan DAG of a roadmap). */
export function registerPlanGraphTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'plan_graph',
    {
      description: 'Step dependency graph of a plan (child plans for a roadmap): parallel layers, critical path, cycles.',
      inputSchema: input,
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      run(ctx.log, 'plan_graph', () => {
        const repo = ctx.repo();
        const entry = findPlan(repo, args.plan);
        let result: { plan: string; kind: 'steps' | 'plans'; nodes: Array<{ id: string; title: string; dependsOn: string[] }>; layers: string[][]; criticalPath: string[]; cycles: string[][]; unknownRefs: string[] };
        let edgeCount: number;
        if (entry.parsed.plan.childPlans !== null) {
          const preds = planPredecessors([...repo.plans.values()].map((p) => ({ path: p.path, parent: p.parent, plan: p.parsed.plan })));
          const ids = [...entry.children].sort();
          const nodes = ids.map((id) => ({ id, title: repo.plans.get(id)?.parsed.plan.title ?? id, dependsOn: preds.get(id) ?? [] }));
          const edges = nodes.flatMap((n) => n.dependsOn.map((from) => ({ from, to: n.id })));
          const cycles = findCycles(ids, edges);
          result = { plan: entry.path, kind: 'plans', nodes, ...(cycles.length ? { layers: [], criticalPath: [] } : layersOf(ids, edges)), cycles, unknownRefs: [] };
          edgeCount = edges.length;
        } else {
          const g = buildStepGraph(entry.parsed.plan);
          result = {
            plan: entry.path,
            kind: 'steps',
            nodes: g.nodes.map((n) => ({ id: n.number, title: n.title, dependsOn: n.dependsOn })),
            layers: g.layers,
            criticalPath: g.criticalPath,
            cycles: g.cycles,
            unknownRefs: g.unknown.map((u) => `${u.step}→${u.ref}`),
          };
          edgeCount = g.edges.length;
        }
        const text = [
          `${entry.path} (${result.kind}): ${result.nodes.length} nodes, ${edgeCount} edges`,
          ...result.layers.map((l, i) => `layer ${i + 1}: ${l.join(', ')}`),
          result.criticalPath.length ? `critical path: ${result.criticalPath.join(' → ')}` : '',
          result.cycles.length ? `cycles: ${result.cycles.map((c) => c.join(' → ')).join('; ')}` : '',
          result.unknownRefs.length ? `unknown dependencies: ${result.unknownRefs.join(', ')}` : '',
        ].filter(Boolean);
        return ok(result, text.join('\n'));
      }),
  );
}
