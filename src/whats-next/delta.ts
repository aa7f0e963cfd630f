import type { PlanFacts } from '../rank/types.js';
import type { PlanPrint, WhatsNextState } from '../model/whats-next-state.js';

/** What changed between the previous report's state and now. */
export interface Delta {
  /** A trustworthy previous state exists (the "last report" the delta is measured against). */
  baseline: boolean;
  added: string[];
  removed: string[];
  /** Plans whose document changed. */
  changed: string[];
  /** Plans whose execution items changed. */
  executed: string[];
  /** Plans (and roadmaps) completed now that were not at the last report, sorted. */
  newlyCompleted: string[];
  /** Plan → predecessors whose completion unblocked it since the last report. */
  newlyUnblocked: Map<string, string[]>;
  featuresChanged: boolean;
  itemsChanged: boolean;
  /** Nothing at all changed: the previous report is still current. */
  empty: boolean;
}

export interface CurrentPrints {
  plans: ReadonlyMap<string, PlanPrint>;
  features: string;
  items: string;
}

/**
 * Compare the current fingerprints with the previous state. With no previous state, every plan
 * counts as added and every completed plan as completed since the last report. When nothing
 * changed, the previous report's "since the last update" lists stay as they were, so a rebuild
 * reproduces it. Pure.
 */
export function computeDelta(prev: WhatsNextState | null, cur: CurrentPrints, facts: readonly PlanFacts[]): Delta {
  if (!prev) {
    return {
      baseline: false,
      added: [...cur.plans.keys()].sort(),
      removed: [],
      changed: [],
      executed: [],
      newlyCompleted: facts.filter((f) => f.progress.completed).map((f) => f.path),
      newlyUnblocked: new Map(),
      featuresChanged: true,
      itemsChanged: true,
      empty: false,
    };
  }
  const added: string[] = [];
  const changed: string[] = [];
  const executed: string[] = [];
  let flagsChanged = false;
  for (const [p, print] of cur.plans) {
    const before = prev.plans.get(p);
    if (!before) {
      added.push(p);
      continue;
    }
    if (before.content !== print.content) changed.push(p);
    if (before.exec !== print.exec) executed.push(p);
    if (before.flags !== print.flags) flagsChanged = true;
  }
  const removed = [...prev.plans.keys()].filter((p) => !cur.plans.has(p));
  const featuresChanged = prev.meta.features !== cur.features;
  const itemsChanged = prev.meta.items !== cur.items;
  const empty = !added.length && !removed.length && !changed.length && !executed.length && !flagsChanged && !featuresChanged && !itemsChanged;
  if (empty) {
    return {
      baseline: true,
      added,
      removed,
      changed,
      executed,
      featuresChanged,
      itemsChanged,
      empty,
      newlyCompleted: prev.meta.since.completed.map(([p]) => p),
      newlyUnblocked: new Map(prev.meta.since.unblocked.map(([p, by]) => [p, [...by]])),
    };
  }
  const byPath = new Map(facts.map((f) => [f.path, f]));
  const wasCompleted = (p: string) => prev.plans.get(p)?.flags.includes('c') ?? false;
  const newlyCompleted = facts.filter((f) => f.progress.completed && !wasCompleted(f.path)).map((f) => f.path);
  const newlyUnblocked = new Map<string, string[]>();
  for (const f of facts) {
    const before = prev.plans.get(f.path);
    if (!before?.flags.includes('b') || f.blockedBy.length || f.progress.completed) continue;
    const by = f.predecessors.filter((q) => byPath.get(q)?.progress.completed && !wasCompleted(q));
    if (by.length) newlyUnblocked.set(f.path, by);
  }
  return {
    baseline: true,
    added: added.sort(),
    removed: removed.sort(),
    changed: changed.sort(),
    executed: executed.sort(),
    newlyCompleted,
    newlyUnblocked,
    featuresChanged,
    itemsChanged,
    empty,
  };
}
