import { planPredecessors } from '../analysis/plan-graph.js';
import { isRoadmapPlan } from '../analysis/plan-state.js';
import { buildStepGraph, findCycles, layering } from '../analysis/step-graph.js';
import type { SpecRepo } from '../model/repository.js';
import { findPlan } from './lookup.js';

/** The dependency graph of a plan's steps, or of a roadmap's child plans. */
interface PlanGraph {
  plan: string;
  kind: 'steps' | 'plans';
  /** Step numbers or child plan paths, each with its title and its predecessors. */
  nodes: Array<{ id: string; title: string; dependsOn: string[] }>;
  edgeCount: number;
  /** Parallel layers; empty when cyclic. */
  layers: string[][];
  criticalPath: string[];
  cycles: string[][];
  /** `step→ref` for each declared dependency naming no step. */
  unknownRefs: string[];
}

/** The step DAG of a plan, or the child-plan DAG of a roadmap (CONTRACTS "Roadmaps"). */
export function planGraph(repo: SpecRepo, plan: string): PlanGraph {
  const entry = findPlan(repo, plan);
  if (isRoadmapPlan(entry)) {
    const preds = planPredecessors([...repo.plans.values()].map((p) => ({ path: p.path, parent: p.parent, plan: p.parsed.plan })));
    const ids = [...entry.children].sort();
    const nodes = ids.map((id) => ({ id, title: repo.plans.get(id)?.parsed.plan.title ?? id, dependsOn: preds.get(id) ?? [] }));
    const edges = nodes.flatMap((n) => n.dependsOn.map((from) => ({ from, to: n.id })));
    const cycles = findCycles(ids, edges);
    const { layers, criticalPath } = cycles.length ? { layers: [], criticalPath: [] } : layering(ids, edges);
    return { plan: entry.path, kind: 'plans', nodes, edgeCount: edges.length, layers, criticalPath, cycles, unknownRefs: [] };
  }
  const g = buildStepGraph(entry.parsed.plan);
  // Every edge the layers are built from, declared or implied by a sub-step, is a predecessor.
  const preds = new Map<string, string[]>();
  for (const e of g.edges) preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  return {
    plan: entry.path,
    kind: 'steps',
    nodes: g.nodes.map((n) => ({ id: n.number, title: n.title, dependsOn: preds.get(n.number) ?? [] })),
    edgeCount: g.edges.length,
    layers: g.layers,
    criticalPath: g.criticalPath,
    cycles: g.cycles,
    unknownRefs: g.unknown.map((u) => `${u.step}→${u.ref}`),
  };
}
