import type { PlanFacts } from '../../src/rank/types.js';

/** The facts of an approved, eligible plan at `path` (effort M, impact medium, three steps, none done), with `over` on top. */
export function planFacts(path: string, over: Partial<PlanFacts> = {}): PlanFacts {
  return {
    path,
    title: path,
    status: 'approved',
    roadmap: false,
    parent: null,
    children: [],
    effort: 'M',
    impact: 'medium',
    features: [],
    steps: 3,
    progress: { done: 0, total: 3, completed: false, completedOn: null, inProgress: false, blockedItems: [] },
    predecessors: [],
    blockedBy: [],
    supersededPredecessors: [],
    downstream: 0,
    lintErrors: 0,
    estimate: null,
    ...over,
  };
}
