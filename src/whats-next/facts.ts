import { planDependencies } from '../analysis/plan-graph.js';
import { itemsByPlan, planProgress } from '../analysis/progress.js';
import type { WorkItem } from '../model/execution.js';
import { EFFORTS, IMPACTS, type ChildPlanRow, type Effort, type Impact, type Plan } from '../model/plan.js';
import { resolveHref } from '../model/paths.js';
import { FEATURES_DIR, type SpecRepo } from '../model/repository.js';
import { estimatePlan } from '../analysis/estimate.js';
import { eligibility } from '../rank/eligibility.js';
import type { FeatureFact, InferredEstimate, PlanFacts, ProgressFact } from '../rank/types.js';

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Feature path from a plan's Features link, or null when it does not point into spec/features/. */
function featurePath(planFile: string, href: string): string | null {
  const rel = resolveHref(planFile, href);
  if (!rel || !rel.startsWith(`${FEATURES_DIR}/`)) return null;
  return rel.slice(FEATURES_DIR.length + 1).replace(/\/README\.md$/i, '').replace(/\/+$/, '') || null;
}

/**
 * `featurePath` memoized for links that climb out of the plan folders (`../../features/x/…` from
 * a top-level plan): their target does not depend on the plan's own slug, so 10,000 plans share
 * a few hundred resolutions.
 */
function featureResolver(): (planPath: string, planFile: string, href: string) => string | null {
  const cache = new Map<string, string | null>();
  return (planPath, planFile, href) => {
    const depth = planPath.split('/').length;
    if (!href.startsWith('../'.repeat(depth + 1))) return featurePath(planFile, href);
    const key = `${depth}\u0000${href}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = featurePath(planFile, href)));
    return v;
  };
}

/** A roadmap's Child Plans rows by child path (matched by link; the first row wins). */
function childRows(parent: Plan | undefined, parentPath: string): Map<string, ChildPlanRow> {
  const out = new Map<string, ChildPlanRow>();
  for (const r of parent?.childPlans ?? []) {
    const slug = r.plan.href.split('#')[0]!.replace(/^\.\//, '').replace(/\/?README\.md$/i, '').replace(/\/+$/, '');
    const path = `${parentPath}/${slug}`;
    if (!out.has(path)) out.set(path, r);
  }
  return out;
}

function valid<T extends string>(allowed: readonly T[], value: string | null): T | null {
  const v = value?.replace(/`/g, '').trim() ?? '';
  return (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/**
 * The facts the ranking needs for every plan of the repository, sorted by path: header values
 * (a child plan without its own Effort/Impact takes its roadmap's Child Plans row), the
 * rule-based estimate where they are missing, features with their status, execution progress
 * (a plan with no work items has none to compute; a roadmap's is
 * rolled up from its children), roadmap predecessors, blockers and downstream counts. Pure over
 * the loaded repository and the execution items.
 */
export function gatherFacts(repo: SpecRepo, items: readonly WorkItem[]): PlanFacts[] {
  const grouped = itemsByPlan(items);
  const paths = [...repo.plans.keys()].sort(byString);
  const deps = planDependencies(paths.map((p) => {
    const e = repo.plans.get(p)!;
    return { path: p, parent: e.parent, plan: e.parsed.plan };
  }));
  const facts = new Map<string, PlanFacts>();
  const resolveFeature = featureResolver();
  const rowsOf = new Map<string, Map<string, ChildPlanRow>>();
  const childRow = (parent: string, path: string): ChildPlanRow | null => {
    let rows = rowsOf.get(parent);
    if (!rows) rowsOf.set(parent, (rows = childRows(repo.plans.get(parent)?.parsed.plan, parent)));
    return rows.get(path) ?? null;
  };
  for (const p of paths) {
    const e = repo.plans.get(p)!;
    const plan = e.parsed.plan;
    const features: FeatureFact[] = [];
    const seen = new Set<string>();
    for (const link of plan.header.features) {
      const fp = resolveFeature(p, e.file, link.href);
      if (!fp || seen.has(fp)) continue;
      seen.add(fp);
      features.push({ path: fp, status: repo.features.get(fp)?.parsed.feature.status ?? null });
    }
    features.sort((a, b) => byString(a.path, b.path));
    const own = grouped.get(p);
    const pr = own ? planProgress(plan, own) : { done: 0, total: plan.steps?.length ?? 0, completed: false, completedOn: null, inProgress: false, blockedItems: [] };
    const row = e.parent ? childRow(e.parent, p) : null;
    const progress: ProgressFact = {
      done: pr.done,
      total: pr.total,
      completed: pr.completed,
      completedOn: pr.completedOn,
      inProgress: pr.inProgress,
      blockedItems: [...pr.blockedItems].sort(byString),
    };
    facts.set(p, {
      path: p,
      title: plan.title,
      status: plan.header.status?.replace(/`/g, '').trim().toLowerCase() ?? null,
      roadmap: plan.childPlans !== null,
      parent: e.parent,
      children: [...e.children].sort(byString),
      effort: valid<Effort>(EFFORTS, plan.header.effort) ?? valid<Effort>(EFFORTS, row?.effort ?? null),
      impact: valid<Impact>(IMPACTS, plan.header.impact?.toLowerCase() ?? null) ?? valid<Impact>(IMPACTS, row?.impact.toLowerCase() ?? null),
      features,
      steps: plan.steps?.length ?? 0,
      progress,
      predecessors: deps.predecessors.get(p) ?? [],
      blockedBy: [],
      supersededPredecessors: [],
      downstream: deps.downstream.get(p) ?? 0,
      estimate: null,
    });
  }
  rollUpRoadmaps(facts);
  // Blockers and superseded predecessors per roadmap layer, once (children of one Order share them).
  const blocked = deps.waitingOn((q) => {
    const pf = facts.get(q);
    return !!pf && pf.status !== 'superseded' && !pf.progress.completed;
  });
  const superseded = deps.waitingOn((q) => facts.get(q)?.status === 'superseded');
  for (const f of facts.values()) {
    f.blockedBy = blocked.get(f.path) ?? [];
    f.supersededPredecessors = superseded.get(f.path) ?? [];
  }
  // Estimates only where the ranking will use them: a missing Effort/Impact on a plan that can be recommended.
  for (const f of facts.values()) if (!(f.effort && f.impact) && eligibility(f).eligible) f.estimate = inferEstimate(repo, f);
  return paths.map((p) => facts.get(p)!);
}

/**
 * Effort and impact from the shared rule-based estimator (the one `specplan suggest` shows), so
 * What's Next and suggest agree. The downstream count is the one already computed for all
 * plans, so no estimate walks the plan graph again.
 */
function inferEstimate(repo: SpecRepo, f: PlanFacts): InferredEstimate {
  const entry = repo.plans.get(f.path)!;
  const e = estimatePlan(repo, entry, { downstream: f.downstream });
  const impactWhy = e.evidence.impact.filter((x) => !x.startsWith('score ')).join('; ');
  return { effort: e.effort, impact: e.impact, effortEvidence: e.evidence.effort[0] ?? 'from the plan\'s shape', impactEvidence: impactWhy || (e.evidence.impact[0] ?? 'from its dependents and features') };
}

/** A roadmap's progress is its children's: steps summed, completed when every live child is. One pass over each roadmap's children. */
function rollUpRoadmaps(facts: Map<string, PlanFacts>): void {
  for (const f of facts.values()) {
    if (!f.roadmap || !f.children.length) continue;
    let done = 0;
    let total = 0;
    let live = 0;
    let completedKids = 0;
    let started = false;
    let last: string | null = null;
    const blockedItems = new Set<string>();
    for (const c of f.children) {
      const k = facts.get(c);
      if (!k || k.status === 'superseded') continue;
      live++;
      done += k.progress.done;
      total += k.progress.total;
      if (k.progress.completed) completedKids++;
      started ||= k.progress.inProgress || k.progress.completed;
      const on = k.progress.completedOn;
      if (on && (last === null || on > last)) last = on;
      for (const b of k.progress.blockedItems) blockedItems.add(b);
    }
    if (!live) continue;
    const completed = completedKids === live;
    f.progress = { done, total, completed, completedOn: completed ? last : null, inProgress: !completed && started, blockedItems: [...blockedItems].sort(byString) };
  }
}
