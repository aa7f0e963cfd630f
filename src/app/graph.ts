import { act, RepoError, UsageError } from '../model/errors.js';
import { checkSpecPath } from '../model/paths.js';
import { buildStepGraph, type StepGraph } from '../analysis/step-graph.js';
import { openRepo, type WorkspaceOptions } from './workspace.js';

// A plan's step graph, with what names it.
interface PlanGraph {
  plan: string;
  file: string;
  title: string;
  graph: StepGraph;
}

/**
 * `specplan graph PLAN`: the plan's step DAG with its parallel layers and critical path. An unknown
 * plan names close matches; a roadmap or a plan without steps has nothing to graph.
 */
export function planGraph(opts: WorkspaceOptions & { plan: string }): PlanGraph {
  const planPath = checkSpecPath('plan', opts.plan);
  const repo = openRepo(opts);
  const entry = repo.plans.get(planPath);
  if (!entry) {
    const near = [...repo.plans.keys()].filter((p) => p.endsWith(`/${planPath}`) || p.split('/').pop() === planPath.split('/').pop()).sort();
    throw new RepoError(
      `no plan "${planPath}" in ${repo.root}/spec/plans`,
      near.length ? `did you mean ${near.join(' or ')}?` : ['list the plans with ', act({ do: 'status' })],
    );
  }
  const plan = entry.parsed.plan;
  if (!plan.steps?.length) {
    const why =
      entry.children.length || plan.childPlans
        ? `it is a roadmap; graph one of its child plans: ${entry.children.join(', ') || '(none yet)'}`
        : 'it has no "### N. Title" steps under "## Steps"';
    throw new UsageError(`plan ${planPath} has no steps to graph: ${why}`);
  }
  return { plan: planPath, file: entry.file, title: plan.title, graph: buildStepGraph(plan) };
}
