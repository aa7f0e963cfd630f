import type { Plan } from '../model/plan.js';

/** What the plan-level graph needs of each plan. */
export interface PlanNode {
  path: string;
  parent: string | null;
  plan: Plan;
}

/** Child slug → plan path, from a Child Plans link such as `child/` or `./child/README.md`. */
function childPathFromHref(parent: string, href: string): string | null {
  const clean = href.split('#')[0]!.replace(/^\.\//, '').replace(/\/?README\.md$/i, '').replace(/\/+$/, '');
  if (!clean || clean.includes('..') || clean.includes('/')) return null;
  return `${parent}/${clean}`;
}

/**
 * Predecessors of every plan (CONTRACTS.md "Roadmaps"): a child depends on the children listed
 * before it in its roadmap's Child Plans table (lower Order; equal Order is parallel), unless the
 * table has a Depends on column, which then rules. Plans outside a roadmap have none. Pure.
 */
export function planPredecessors(nodes: Iterable<PlanNode>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const all = [...nodes];
  for (const n of all) out.set(n.path, []);
  for (const roadmap of all) {
    const rows = roadmap.plan.childPlans;
    if (!rows) continue;
    const children = rows
      .map((r) => ({ row: r, path: childPathFromHref(roadmap.path, r.plan.href) ?? `${roadmap.path}/${r.plan.text}` }))
      .filter((c) => out.has(c.path));
    const byDeps = rows.some((r) => r.dependsOn !== null);
    for (const c of children) {
      let preds: string[];
      if (byDeps) {
        preds = (c.row.dependsOn ?? []).map((d) => `${roadmap.path}/${d.replace(/\/+$/, '')}`).filter((p) => out.has(p) && p !== c.path);
      } else {
        const order = Number.parseFloat(c.row.order);
        preds = children.filter((o) => Number.parseFloat(o.row.order) < order).map((o) => o.path);
      }
      out.set(c.path, [...new Set(preds)].sort());
    }
  }
  return out;
}

/** Transitive successors count per plan: how much downstream work each plan unblocks. */
export function downstreamCounts(preds: Map<string, string[]>): Map<string, number> {
  const succ = new Map<string, string[]>([...preds.keys()].map((k) => [k, []]));
  for (const [p, ps] of preds) for (const q of ps) succ.get(q)?.push(p);
  const out = new Map<string, number>();
  for (const k of preds.keys()) {
    const seen = new Set<string>();
    const stack = [...(succ.get(k) ?? [])];
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v) || v === k) continue;
      seen.add(v);
      stack.push(...(succ.get(v) ?? []));
    }
    out.set(k, seen.size);
  }
  return out;
}
