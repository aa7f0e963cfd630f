import type { WorkItem } from '../model/execution.js';
import type { ChildPlanRow } from '../model/plan.js';
import type { InferredEstimate, PlanState, PlanStates } from '../model/plan-state.js';
import type { PlanEntry, SpecRepo } from '../model/repository.js';
import { isDash, scalar } from '../markdown/blocks.js';
import { deriveRoadmapStatus, type ChildState } from './derive.js';
import { estimatePlan } from './estimate.js';
import { planFeatures } from './plan-features.js';
import { childPathOfRow, planDependencies } from './plan-graph.js';
import { itemsByPlan, planProgress } from './progress.js';
import { withRecordedCompletion } from './recorded-completion.js';

/** A roadmap: a plan with child plan folders or a Child Plans section. */
export function isRoadmapPlan(entry: PlanEntry): boolean {
  return entry.children.length > 0 || entry.parsed.plan.childPlans !== null;
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Child Plans cell as a value: backticks and white space dropped, null for a dash. */
function rowValue(cell: string | undefined): string | null {
  if (cell === undefined) return null;
  const v = scalar(cell).replace(/\s+/g, ' ');
  return isDash(v) ? null : v;
}

/** Every child plan's row in its roadmap's Child Plans table (matched by link; the first row wins). */
function childRows(repo: SpecRepo): Map<string, ChildPlanRow> {
  const out = new Map<string, ChildPlanRow>();
  repo.plans.forEach((e) => {
    const rows = e.parsed.plan.childPlans;
    if (rows === null) return;
    for (let i = 0; i < rows.length; i++) {
      const child = childPathOfRow(e.path, rows[i]!);
      if (child !== null && !out.has(child)) out.set(child, rows[i]!);
    }
  });
  return out;
}

const NONE: readonly string[] = Object.freeze([]);
const NONE_ITEMS: readonly WorkItem[] = Object.freeze([]);

/** A plan's state from its own document and items; a roadmap's roll-up is added by `rollUp`. */
function ownState(e: PlanEntry, items: readonly WorkItem[], row: ChildPlanRow | undefined): PlanState {
  const plan = e.parsed.plan;
  const h = plan.header;
  const tracked = planProgress(plan, items);
  const p = e.parsed.specscore ? withRecordedCompletion(tracked, e.parsed.specscore, h.status) : tracked;
  // In the current format a parent is a plan with tasks of its own: its status and progress are its own.
  const roadmap = !e.parsed.specscore && isRoadmapPlan(e);
  // A roadmap's own steps and items never count toward its progress: only its children's do.
  const d = roadmap ? deriveRoadmapStatus(h.status, []) : { status: h.status, derived: false, reason: 'Status field' };
  return {
    plan: e.path,
    title: plan.title,
    file: e.file,
    status: d.status,
    declaredStatus: h.status,
    derived: d.derived,
    reason: d.reason,
    roadmap,
    parent: e.parent,
    children: e.children.length > 1 ? [...e.children].sort(byPath) : [...e.children],
    childPlans: null,
    progress: roadmap ? { done: 0, total: 0 } : { done: p.done, total: p.total },
    tracked: !roadmap && items.length > 0,
    completed: !roadmap && p.completed,
    completedOn: roadmap ? null : p.completedOn,
    inProgress: !roadmap && p.inProgress,
    approved: h.approved,
    blockers: { items: p.blockedItems.length > 1 ? [...p.blockedItems].sort(byPath) : [...p.blockedItems], plans: NONE },
    predecessors: NONE,
    supersededPredecessors: NONE,
    downstream: 0,
    effort: h.effort ?? rowValue(row?.effort),
    impact: h.impact ?? rowValue(row?.impact),
    features: planFeatures(e),
    steps: p.steps,
  };
}

/** A roadmap's roll-up over its active (not superseded) children, in one pass over them. */
function rollUp(s: PlanState, children: ReadonlyArray<PlanState | undefined>): void {
  let done = 0;
  let total = 0;
  let live = 0;
  let completed = 0;
  let started = false;
  let tracked = false;
  let last: string | null = null;
  const blocked = new Set(s.blockers.items);
  const kids: ChildState[] = [];
  for (let i = 0; i < children.length; i++) {
    const k = children[i];
    if (!k) continue;
    kids.push({ status: k.declaredStatus, inProgress: k.inProgress, completed: k.completed });
    if (k.declaredStatus === 'superseded') continue;
    live++;
    done += k.progress.done;
    total += k.progress.total;
    if (k.completed) completed++;
    started ||= k.inProgress || k.completed;
    tracked ||= k.tracked;
    if (k.completedOn && (last === null || k.completedOn > last)) last = k.completedOn;
    for (let j = 0; j < k.blockers.items.length; j++) blocked.add(k.blockers.items[j]!);
  }
  const d = deriveRoadmapStatus(s.declaredStatus, kids);
  s.status = d.status;
  s.derived = d.derived;
  s.reason = d.reason;
  s.progress = { done, total };
  s.childPlans = { completed, total: live };
  s.tracked = tracked;
  s.completed = live > 0 && completed === live;
  s.completedOn = s.completed ? last : null;
  s.inProgress = !s.completed && started;
  s.blockers = { items: [...blocked].sort(byPath), plans: NONE };
}

/**
 * The derived state of every plan (`PlanState`): status as shown (a roadmap's derived from its
 * active children, with the reason), progress and completion from the execution items (a roadmap
 * rolls up its active children; its own steps do not count), blockers, predecessors and
 * downstream counts (the roadmaps' order), effort and impact as written (header, else the
 * roadmap's Child Plans row), features. Without `items` nothing is in progress or completed.
 * Linear in the plans, items and predecessor lists (children of one Order share theirs); the
 * rule-based estimate is computed per plan on request. Pure.
 */
export function planStates(repo: SpecRepo, items?: readonly WorkItem[]): PlanStates {
  const byPlan = itemsByPlan(items ?? []);
  const rows = childRows(repo);
  const entries = [...repo.plans.values()].sort((a, b) => byPath(a.path, b.path));
  // Indexed loops and `forEach`: this runs once per process over every plan, before iterators are optimized away.
  const plans = new Map<string, PlanState>();
  const list: PlanState[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const s = ownState(e, byPlan.get(e.path) ?? NONE_ITEMS, rows.get(e.path));
    plans.set(e.path, s);
    list.push(s);
  }
  // Child plans never have children of their own (plans nest one level), so one pass rolls up every roadmap.
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (s.roadmap && s.children.length)
      rollUp(
        s,
        s.children.map((c) => plans.get(c)),
      );
  }
  const deps = planDependencies(entries.map((e) => ({ path: e.path, parent: e.parent, plan: e.parsed.plan })));
  // Computed once per roadmap layer: children of one Order share the lists.
  const waiting = deps.waitingOn((q) => {
    const s = plans.get(q);
    return !!s && !s.completed && s.declaredStatus !== 'superseded';
  });
  const superseded = deps.waitingOn((q) => plans.get(q)?.declaredStatus === 'superseded');
  // Only the children of roadmaps have entries; every other plan keeps none (as `ownState` made it).
  waiting.forEach((ps, p) => (plans.get(p)!.blockers.plans = ps));
  deps.predecessors.forEach((ps, p) => (plans.get(p)!.predecessors = ps));
  superseded.forEach((ps, p) => (plans.get(p)!.supersededPredecessors = ps));
  deps.downstream.forEach((k, p) => (plans.get(p)!.downstream = k));
  const estimates = new Map<string, InferredEstimate>();
  const estimate = (plan: string): InferredEstimate | null => {
    const entry = repo.plans.get(plan);
    if (!entry) return null;
    let v = estimates.get(plan);
    if (!v) {
      const e = estimatePlan(repo, entry, { downstream: plans.get(plan)!.downstream });
      const impactWhy = e.evidence.impact.filter((x) => !x.startsWith('score ')).join('; ');
      v = {
        effort: e.effort,
        impact: e.impact,
        effortEvidence: e.evidence.effort[0] ?? "from the plan's shape",
        impactEvidence: impactWhy || (e.evidence.impact[0] ?? 'from its dependents and features'),
      };
      estimates.set(plan, v);
    }
    return v;
  };
  return { plans, execution: items !== undefined, estimate };
}
