import { UsageError } from '../model/errors.js';
import { buildStepGraph, type StepGraph } from '../analysis/step-graph.js';
import { isRoadmapPlan } from '../analysis/plan-state.js';
import { planFormatOf } from '../parse/repo-format.js';
import { findPlan } from './lookup.js';
import { planGraph as childPlanGraph } from './plan-graph.js';
import { openRepo, type WorkspaceOptions } from './workspace.js';

// A plan's step graph (or a roadmap's child-plan graph, its nodes the child plan paths), with what names it.
interface PlanGraph {
  plan: string;
  file: string;
  title: string;
  kind: 'steps' | 'plans';
  /** What the plan's format calls a step: "Task" in the current SpecScore format. */
  unit: 'Step' | 'Task';
  graph: StepGraph;
}

/**
 * `specplan graph PLAN`: the plan's step DAG with its parallel layers and critical path; for a
 * roadmap, the DAG of its child plans (as the MCP `plan_graph` tool draws it). An unknown plan
 * names close matches; a plan without steps has nothing to graph.
 */
export async function planGraph(opts: WorkspaceOptions & { plan: string }): Promise<PlanGraph> {
  const repo = await openRepo(opts);
  const entry = findPlan(repo, opts.plan);
  const plan = entry.parsed.plan;
  const unit = planFormatOf(entry) === 'specscore' ? 'Task' : 'Step';
  if (isRoadmapPlan(entry)) {
    const g = childPlanGraph(repo, entry.path);
    const graph: StepGraph = {
      nodes: g.nodes.map((n) => ({ number: n.id, title: n.title, dependsOn: n.dependsOn, parent: null })),
      edges: g.nodes.flatMap((n) => n.dependsOn.map((from) => ({ from, to: n.id, implicit: false }))),
      unknown: [],
      cycles: g.cycles,
      layers: g.layers,
      criticalPath: g.criticalPath,
    };
    return { plan: entry.path, file: entry.file, title: plan.title, kind: 'plans', unit, graph };
  }
  if (!plan.steps?.length)
    throw new UsageError(
      unit === 'Task'
        ? `plan ${entry.path} has no tasks to graph: it has no "### Task N: Title" tasks under "## Tasks"`
        : `plan ${entry.path} has no steps to graph: it has no "### N. Title" steps under "## Steps"`,
    );
  return { plan: entry.path, file: entry.file, title: plan.title, kind: 'steps', unit, graph: buildStepGraph(plan) };
}
