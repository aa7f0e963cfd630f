import { buildStepGraph, compareStep, type StepGraph } from '../analysis/step-graph.js';
import type { WorkItem } from '../model/execution.js';
import type { Plan, Step, SubStep } from '../model/plan.js';
import type { Positions } from '../model/parsed.js';
import { stepAnchors, stepId } from './step-ids.js';
import { stepStatuses, type StepStatus } from './step-status.js';

/** Everything an exporter needs about one plan; built once, read by every (pure) exporter. */
export interface ExportInput {
  /** Plan path below spec/plans/. */
  planPath: string;
  /** Root-relative README path. */
  file: string;
  plan: Plan;
  graph: StepGraph;
  /** Every step and sub-step in document order, with what the exporters derive from it. */
  nodes: ExportNode[];
  /** Feature paths the plan lists (link targets below spec/features/), sorted. */
  features: string[];
  /** Date YYYY-MM-DD (injected clock) for generated metadata. */
  today: string;
}

export interface ExportNode {
  id: string;
  number: string;
  parent: string | null;
  step: Step | SubStep;
  /** Layer of the step DAG (0-based): the phase it can run in. */
  layer: number;
  /** Effective predecessors: declared, inherited from the parent step, and a parent's sub-steps. */
  after: string[];
  /** Dependencies as declared in the plan (existing steps only). */
  declared: string[];
  critical: boolean;
  anchor: string | null;
  status: StepStatus;
}

/** Feature paths from a plan's Features links (`../../features/chat/workflow/README.md` → `chat/workflow`). */
function featurePaths(plan: Plan): string[] {
  const out = new Set<string>();
  for (const f of plan.header.features) {
    const m = /features\/(.+?)\/?(?:README\.md)?(?:#.*)?$/.exec(f.href);
    out.add(m ? m[1]! : f.text);
  }
  return [...out].sort();
}

/** Assemble the export input of a parsed plan and its execution items. Pure. */
export function exportInput(args: {
  planPath: string;
  file: string;
  text: string;
  plan: Plan;
  positions: Positions;
  items: readonly WorkItem[];
  today: string;
}): ExportInput {
  const { plan, planPath } = args;
  const graph = buildStepGraph(plan);
  const layerOf = new Map<string, number>();
  graph.layers.forEach((layer, k) => layer.forEach((n) => layerOf.set(n, k)));
  const critical = new Set(graph.criticalPath);
  const anchors = stepAnchors(args.text, plan, args.positions);
  const statuses = stepStatuses(plan, args.items);
  const preds = new Map<string, Set<string>>();
  for (const e of graph.edges) (preds.get(e.to) ?? preds.set(e.to, new Set()).get(e.to)!).add(e.from);
  const byNumber = new Map(graph.nodes.map((n) => [n.number, n]));
  const nodes: ExportNode[] = [];
  for (const s of plan.steps ?? []) {
    for (const step of [s, ...s.subSteps] as Array<Step | SubStep>) {
      const isSub = step !== s;
      nodes.push({
        id: stepId(planPath, step.number),
        number: step.number,
        parent: isSub ? s.number : null,
        step,
        layer: layerOf.get(step.number) ?? 0,
        after: [...(preds.get(step.number) ?? [])].sort(compareStep),
        declared: [...(byNumber.get(step.number)?.dependsOn ?? [])].sort(compareStep),
        critical: critical.has(step.number),
        anchor: anchors.get(step.number) ?? null,
        status: statuses.get(step.number) ?? { state: 'todo', items: [], updated: null },
      });
    }
  }
  return { planPath, file: args.file, plan, graph, nodes, features: featurePaths(plan), today: args.today };
}
