import { planPathOfLink } from '../model/links.js';
import type { ChildPlanRow, Plan } from '../model/plan.js';
import { planFile } from '../model/repository.js';
import { reachCounts } from './reach.js';

/** What the plan-level graph needs of each plan. */
interface PlanNode {
  path: string;
  parent: string | null;
  plan: Plan;
}

/**
 * The child plan a row of a roadmap's Child Plans table names: its link resolved like any link
 * of the roadmap (`child/`, `./child/README.md`), when that is a folder right below the roadmap.
 */
export function childPathOfRow(roadmap: string, row: ChildPlanRow): string | null {
  const target = planPathOfLink(planFile(roadmap), row.plan.href);
  if (target === null || !target.startsWith(`${roadmap}/`)) return null;
  return target.indexOf('/', roadmap.length + 1) < 0 && target.length > roadmap.length + 1 ? target : null;
}

const NONE: readonly string[] = Object.freeze([]);

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two sorted lists merged into one sorted list. */
function merge(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPath(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** One roadmap's children and how they wait for each other. */
type Family =
  /** By Order: each layer (equal Order, sorted by path) waits for every earlier layer. */
  | { kind: 'order'; layers: string[][]; unordered: string[] }
  /** By the Depends on column: each child waits for the children it names. */
  | { kind: 'deps'; children: string[]; preds: Map<string, string[]> };

function familyOf(roadmap: PlanNode, exists: (p: string) => boolean): Family | null {
  const rows = roadmap.plan.childPlans;
  if (!rows) return null;
  const children: Array<{ path: string; row: (typeof rows)[number] }> = [];
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const path = childPathOfRow(roadmap.path, row);
    if (path === null || !exists(path) || seen.has(path)) continue;
    seen.add(path);
    children.push({ path, row });
  }
  if (rows.some((r) => r.dependsOn !== null)) {
    const preds = new Map<string, string[]>();
    for (const c of children) {
      const named = (c.row.dependsOn ?? []).map((d) => `${roadmap.path}/${d.replace(/\/+$/, '')}`).filter((p) => seen.has(p) && p !== c.path);
      preds.set(c.path, [...new Set(named)].sort(byPath));
    }
    return { kind: 'deps', children: children.map((c) => c.path), preds };
  }
  const numbered = children.map((c) => ({ path: c.path, order: Number.parseFloat(c.row.order) }));
  const unordered = numbered.filter((c) => Number.isNaN(c.order)).map((c) => c.path);
  const sorted = numbered.filter((c) => !Number.isNaN(c.order)).sort((a, b) => a.order - b.order || byPath(a.path, b.path));
  const layers: string[][] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i]!.order !== sorted[i - 1]!.order) layers.push([]);
    layers[layers.length - 1]!.push(sorted[i]!.path);
  }
  return { kind: 'order', layers, unordered };
}

/**
 * The plans a plan waits for (CONTRACTS.md "Roadmaps"): a child depends on the children listed
 * before it in its roadmap's Child Plans table (lower Order; equal Order is parallel), unless
 * the table has a Depends on column, which then rules. Plans outside a roadmap have none.
 */
interface PlanDependencies {
  /**
   * The predecessors of every child a roadmap's Child Plans table lists, sorted; any other plan
   * has none and is absent. Children of one Order share one array: read only.
   */
  predecessors: ReadonlyMap<string, readonly string[]>;
  /** How many plans wait for each such child, directly or through others; any other plan: absent, 0. */
  downstream: ReadonlyMap<string, number>;
  /** Every such child's predecessors that `open` accepts (e.g. not completed), sorted; shared and absent like `predecessors`. */
  waitingOn(open: (plan: string) => boolean): Map<string, readonly string[]>;
}

/**
 * Dependencies between plans, computed once per roadmap: Order tables by layers (each layer's
 * predecessors are the earlier layers merged once, shared by its children; downstream counts
 * from the layer sizes), Depends on tables by their edges (downstream counts by one pass over
 * the components). Linear in the plans and edges plus the size of the shared lists. Pure.
 */
export function planDependencies(nodes: Iterable<PlanNode>): PlanDependencies {
  // Indexed loops and `forEach`: this runs once per process over every plan, before iterators are optimized away.
  const all = Array.isArray(nodes) ? (nodes as readonly PlanNode[]) : [...nodes];
  const known = new Set<string>();
  for (let i = 0; i < all.length; i++) known.add(all[i]!.path);
  const exists = (p: string) => known.has(p);
  const families: Family[] = [];
  for (let i = 0; i < all.length; i++) {
    const f = all[i]!.plan.childPlans ? familyOf(all[i]!, exists) : null;
    if (f) families.push(f);
  }
  // Only the children of a family have predecessors or plans waiting for them: the others stay absent.
  const predecessors = new Map<string, readonly string[]>();
  const downstream = new Map<string, number>();
  for (let i = 0; i < families.length; i++) {
    const f = families[i]!;
    if (f.kind === 'deps') {
      for (const [c, ps] of f.preds) predecessors.set(c, ps);
      const succ = new Map<string, string[]>(f.children.map((c) => [c, []]));
      for (const [c, ps] of f.preds) for (const p of ps) succ.get(p)!.push(c);
      for (const [c, k] of reachCounts(f.children, (c) => succ.get(c)!)) downstream.set(c, k);
      continue;
    }
    let before: readonly string[] = NONE;
    let after = f.layers.reduce((k, l) => k + l.length, 0);
    for (let l = 0; l < f.layers.length; l++) {
      const layer = f.layers[l]!;
      after -= layer.length;
      for (let c = 0; c < layer.length; c++) {
        predecessors.set(layer[c]!, before);
        downstream.set(layer[c]!, after);
      }
      before = merge(before, layer);
    }
  }
  const waitingOn = (open: (plan: string) => boolean): Map<string, readonly string[]> => {
    const out = new Map<string, readonly string[]>();
    for (let i = 0; i < families.length; i++) {
      const f = families[i]!;
      if (f.kind === 'deps') {
        for (const [c, ps] of f.preds) out.set(c, ps.filter(open));
        continue;
      }
      let waiting: readonly string[] = NONE;
      for (let l = 0; l < f.layers.length; l++) {
        const layer = f.layers[l]!;
        for (let c = 0; c < layer.length; c++) out.set(layer[c]!, waiting);
        const opened = layer.filter(open);
        if (opened.length) waiting = merge(waiting, opened);
      }
    }
    return out;
  };
  return { predecessors, downstream, waitingOn };
}

/** Predecessors of every plan (see `PlanDependencies`), sorted, each list the caller's own. */
export function planPredecessors(nodes: Iterable<PlanNode>): Map<string, string[]> {
  const all = [...nodes];
  const { predecessors } = planDependencies(all);
  return new Map(all.map((n) => [n.path, [...(predecessors.get(n.path) ?? NONE)]]));
}
