import type { Plan } from '../model/plan.js';
import { popcount } from './reach.js';

interface StepNode {
  number: string;
  title: string;
  /** Declared dependencies that name existing steps. */
  dependsOn: string[];
  /** Parent step number for a sub-step, else null. */
  parent: string | null;
}

export interface StepGraph {
  nodes: StepNode[];
  /** Edges `from → to`: `to` waits for `from`. Includes the implicit container edges. */
  edges: Array<{ from: string; to: string; implicit: boolean }>;
  /** Declared dependencies naming no step: `{step, ref}`. */
  unknown: Array<{ step: string; ref: string }>;
  /** Each dependency cycle as a list of step numbers, first repeated at the end. */
  cycles: string[][];
  /** Parallel layers: every step in a layer can run once the earlier layers are done. Empty when cyclic. */
  layers: string[][];
  /** Longest chain of steps (by count). Empty when cyclic. */
  criticalPath: string[];
}

/** A plan's steps and sub-steps as nodes, the edges between them and the dependencies naming no step. */
function stepEdges(plan: Plan): Pick<StepGraph, 'nodes' | 'edges' | 'unknown'> {
  const nodes: StepNode[] = [];
  for (const s of plan.steps ?? []) {
    nodes.push({ number: s.number, title: s.title, dependsOn: [], parent: null });
    for (const sub of s.subSteps) nodes.push({ number: sub.number, title: sub.title, dependsOn: [], parent: s.number });
  }
  const known = new Set(nodes.map((n) => n.number));
  const byNumber = new Map(nodes.map((n) => [n.number, n]));
  const edges: StepGraph['edges'] = [];
  const unknown: StepGraph['unknown'] = [];
  const seen = new Set<string>();
  const addEdge = (from: string, to: string, implicit: boolean) => {
    const key = `${from}>${to}`;
    if (from === to && implicit) return;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, implicit });
  };
  for (const s of plan.steps ?? []) {
    const declare = (number: string, deps: string[] | null) => {
      for (const d of deps ?? []) {
        if (known.has(d)) {
          byNumber.get(number)!.dependsOn.push(d);
          addEdge(d, number, false);
        } else unknown.push({ step: number, ref: d });
      }
    };
    declare(s.number, s.dependsOn);
    for (const sub of s.subSteps) {
      declare(sub.number, sub.dependsOn);
      for (const d of s.dependsOn ?? []) if (known.has(d) && d !== sub.number) addEdge(d, sub.number, true);
      addEdge(sub.number, s.number, true);
    }
  }
  return { nodes, edges, unknown };
}

/** The graph with its cycles, and its layers and critical path when it has none. */
function withOrder(g: Pick<StepGraph, 'nodes' | 'edges' | 'unknown'>, cycles: string[][]): StepGraph {
  const { layers, criticalPath } = cycles.length
    ? { layers: [], criticalPath: [] }
    : layering(
        g.nodes.map((n) => n.number),
        g.edges,
      );
  return { ...g, cycles, layers, criticalPath };
}

/**
 * The step DAG of a plan. Steps without `Depends on` are parallel-eligible. A step with
 * sub-steps is a container: its sub-steps inherit its dependencies, and it finishes after them.
 */
export function buildStepGraph(plan: Plan): StepGraph {
  const g = stepEdges(plan);
  return withOrder(
    g,
    findCycles(
      g.nodes.map((n) => n.number),
      g.edges,
    ),
  );
}

/**
 * Whether every edge of a plan's step graph points forward in the order the steps finish (each
 * step right after its sub-steps; a number written twice keeps its first place). Such a graph has
 * no cycle, and none of its dependencies names a missing step.
 */
function finishesInOrder(plan: Plan): boolean {
  const steps = plan.steps ?? [];
  const at = new Map<string, number>();
  for (const s of steps) {
    for (const sub of s.subSteps) if (!at.has(sub.number)) at.set(sub.number, at.size);
    if (!at.has(s.number)) at.set(s.number, at.size);
  }
  const before = (deps: readonly string[] | null, number: string) => (deps ?? []).every((d) => (at.get(d) ?? Infinity) < at.get(number)!);
  // The edges: declared dependencies, a step's dependencies inherited by its sub-steps, each sub-step before its step.
  return steps.every(
    (s) =>
      before(s.dependsOn, s.number) &&
      s.subSteps.every((sub) => before(sub.dependsOn, sub.number) && before(s.dependsOn, sub.number) && before([sub.number], s.number)),
  );
}

/**
 * The step graph of a plan (as `buildStepGraph`) when a dependency names no step or the steps
 * form a cycle; else null. Plans whose dependencies all point back in the order the steps finish
 * (as most are written) need no graph at all.
 */
export function stepGraphProblems(plan: Plan): StepGraph | null {
  if (finishesInOrder(plan)) return null;
  const g = stepEdges(plan);
  const cycles = findCycles(
    g.nodes.map((n) => n.number),
    g.edges,
  );
  return g.unknown.length || cycles.length ? withOrder(g, cycles) : null;
}

const STEP_NUMBER = /^\d+(?:\.\d+)*$/;

/**
 * A plan's longest chain of steps (the `criticalPath` of `buildStepGraph`) and the most level-1
 * steps any one step waits for, directly or through others, read in one pass over the steps in
 * the order they finish, without building the graph. Null when that pass cannot stand for the
 * graph: an edge points back in that order (a cycle, a missing step), a number is written twice,
 * or a number is not digits and dots.
 */
export function forwardChains(plan: Plan): { criticalPath: string[]; deepest: number } | null {
  // Indexed loops: this runs for thousands of plans in a cold process, before iterators are optimized away.
  const steps = plan.steps ?? [];
  // Each node's place in the finish order (each step right after its sub-steps), its level (the
  // longest chain ending at it), the predecessor that chain comes through, and its level-1 ancestors.
  const at = new Map<string, number>();
  let count = 0;
  let levelOne = 0;
  for (let x = 0; x < steps.length; x++) {
    const s = steps[x]!;
    for (let y = 0; y < s.subSteps.length; y++) {
      const sub = s.subSteps[y]!;
      if (!STEP_NUMBER.test(sub.number)) return null;
      at.set(sub.number, count++);
    }
    if (!STEP_NUMBER.test(s.number)) return null;
    at.set(s.number, count++);
    if (!s.number.includes('.')) levelOne++;
  }
  if (at.size !== count) return null;
  const words = Math.ceil(levelOne / 32);
  const level = new Array<number>(count).fill(0);
  const via = new Array<string | null>(count).fill(null);
  const bitOf = new Array<number>(count).fill(-1);
  const ancestors = new Uint32Array(count * words);
  let bits = 0;
  for (let x = 0; x < steps.length; x++) if (!steps[x]!.number.includes('.')) bitOf[at.get(steps[x]!.number)!] = bits++;
  let deepest = 0;
  /** Take `pred` into the chains and ancestors of the node at `i`; false when it does not finish before it. */
  const take = (i: number, pred: string): boolean => {
    const p = at.get(pred);
    if (p === undefined || p >= i) return false;
    const l = level[p]! + 1;
    if (l > level[i]! || (l === level[i]! && via[i] !== null && compareStep(pred, via[i]!) < 0)) {
      level[i] = l;
      via[i] = pred;
    }
    for (let k = 0; k < words; k++) ancestors[i * words + k]! |= ancestors[p * words + k]!;
    if (bitOf[p]! >= 0) ancestors[i * words + (bitOf[p]! >>> 5)]! |= 1 << (bitOf[p]! & 31);
    return true;
  };
  const takeAll = (i: number, preds: readonly string[] | null): boolean => {
    if (preds) for (let x = 0; x < preds.length; x++) if (!take(i, preds[x]!)) return false;
    return true;
  };
  const settle = (i: number) => {
    let n = 0;
    for (let k = 0; k < words; k++) n += popcount(ancestors[i * words + k]!);
    if (n > deepest) deepest = n;
  };
  for (let x = 0; x < steps.length; x++) {
    const s = steps[x]!;
    const i = at.get(s.number)!;
    for (let y = 0; y < s.subSteps.length; y++) {
      const sub = s.subSteps[y]!;
      const j = at.get(sub.number)!;
      if (!takeAll(j, sub.dependsOn) || !takeAll(j, s.dependsOn)) return null;
      settle(j);
      take(i, sub.number);
    }
    if (!takeAll(i, s.dependsOn)) return null;
    settle(i);
  }
  // The chain ends at the first node, in the steps' written order, with the longest chain.
  let end: string | null = null;
  let top = -1;
  for (let x = 0; x < steps.length; x++) {
    const s = steps[x]!;
    const i = at.get(s.number)!;
    if (level[i]! > top) (top = level[i]!), (end = s.number);
    for (let y = 0; y < s.subSteps.length; y++) {
      const j = at.get(s.subSteps[y]!.number)!;
      if (level[j]! > top) (top = level[j]!), (end = s.subSteps[y]!.number);
    }
  }
  const criticalPath: string[] = [];
  for (let v = end; v !== null; v = via[at.get(v)!]!) criticalPath.push(v);
  return { criticalPath: criticalPath.reverse(), deepest };
}

/** Cycles reported at most: each costs its length, and a few name the problem. */
const MAX_CYCLES = 20;

/**
 * Elementary cycles found by DFS (each reported once, starting at its smallest member), at most
 * `MAX_CYCLES` of them.
 */
export function findCycles(ids: readonly string[], edges: ReadonlyArray<{ from: string; to: string }>): string[][] {
  const out = new Map<string, string[]>();
  const adj = new Map<string, string[]>(ids.map((i) => [i, []]));
  for (const e of edges) adj.get(e.from)?.push(e.to);
  const state = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  const onStackAt = new Map<string, number>();
  // Depth-first search with an explicit stack (a 20,000-step chain must not overflow the call stack).
  const visit = (root: string) => {
    const frames: Array<{ v: string; next: number }> = [];
    const enter = (v: string) => {
      state.set(v, 1);
      onStackAt.set(v, stack.length);
      stack.push(v);
      frames.push({ v, next: 0 });
    };
    enter(root);
    while (frames.length) {
      const f = frames[frames.length - 1]!;
      const targets = adj.get(f.v) ?? [];
      if (f.next >= targets.length) {
        frames.pop();
        stack.pop();
        onStackAt.delete(f.v);
        state.set(f.v, 2);
        continue;
      }
      const w = targets[f.next++]!;
      const s = state.get(w) ?? 0;
      if (s === 0) enter(w);
      else if (s === 1 && out.size < MAX_CYCLES) {
        const cyc = stack.slice(onStackAt.get(w)!);
        const min = cyc.reduce((a, b) => (compareStep(a, b) <= 0 ? a : b));
        const k = cyc.indexOf(min);
        const rotated = [...cyc.slice(k), ...cyc.slice(0, k)];
        out.set(rotated.join('>'), [...rotated, rotated[0]!]);
      }
    }
  };
  for (const id of ids) if ((state.get(id) ?? 0) === 0) visit(id);
  return [...out.values()].sort((a, b) => a.join().localeCompare(b.join()));
}

/** Compare step numbers numerically: 2 < 2.1 < 10. */
export function compareStep(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return a.localeCompare(b);
}

/**
 * Parallel layers of an acyclic graph (each node one layer after its latest predecessor) and one
 * longest chain, ties broken by `compareStep` order. Iterative: no recursion depth limit.
 */
export function layering(ids: readonly string[], edges: ReadonlyArray<{ from: string; to: string }>): { layers: string[][]; criticalPath: string[] } {
  const preds = new Map<string, string[]>(ids.map((i) => [i, []]));
  for (const e of edges) preds.get(e.to)?.push(e.from);
  const level = new Map<string, number>();
  const best = new Map<string, string | null>();
  // Longest path to each node, memoized, with an explicit stack (no recursion depth limit).
  const depth = (start: string): void => {
    if (level.has(start)) return;
    const frame = (v: string) => ({ v, preds: [...(preds.get(v) ?? [])].sort(compareStep), next: 0, l: 0, via: null as string | null });
    const frames = [frame(start)];
    while (frames.length) {
      const f = frames[frames.length - 1]!;
      if (f.next >= f.preds.length) {
        level.set(f.v, f.l);
        best.set(f.v, f.via);
        frames.pop();
        continue;
      }
      const p = f.preds[f.next]!;
      const known = level.get(p);
      if (known === undefined) {
        frames.push(frame(p));
        continue;
      }
      f.next++;
      if (known + 1 > f.l) {
        f.l = known + 1;
        f.via = p;
      }
    }
  };
  for (const id of ids) depth(id);
  const layers: string[][] = [];
  for (const id of ids) (layers[level.get(id)!] ??= []).push(id);
  for (const layer of layers) layer.sort(compareStep);
  let end: string | null = null;
  for (const id of ids) if (end === null || level.get(id)! > level.get(end)!) end = id;
  const criticalPath: string[] = [];
  for (let v = end; v !== null; v = best.get(v) ?? null) criticalPath.unshift(v);
  return { layers, criticalPath };
}
