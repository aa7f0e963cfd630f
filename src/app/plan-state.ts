import { planStates } from '../analysis/plan-state.js';
import type { WorkItem } from '../model/execution.js';
import type { PlanStates } from '../model/plan-state.js';
import type { SpecRepo } from '../model/repository.js';

const cache = new WeakMap<SpecRepo, WeakMap<readonly WorkItem[], PlanStates>>();

/**
 * The derived state of every plan of a loaded repository with its execution items, computed once
 * per repository and items list (a server answering many reads on one loaded repository).
 */
export function planStatesOf(repo: SpecRepo, items: readonly WorkItem[]): PlanStates {
  let byItems = cache.get(repo);
  if (!byItems) cache.set(repo, (byItems = new WeakMap()));
  let states = byItems.get(items);
  if (!states) byItems.set(items, (states = planStates(repo, items)));
  return states;
}
