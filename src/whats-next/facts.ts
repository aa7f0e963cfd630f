import { lintRepo, RULES } from '../lint/index.js';
import { planStates } from '../analysis/plan-state.js';
import type { WorkItem } from '../model/execution.js';
import { EFFORTS, IMPACTS, type Effort, type Impact } from '../model/plan.js';
import type { SpecRepo } from '../model/repository.js';
import { eligibility } from '../rank/eligibility.js';
import type { PlanFacts } from '../rank/types.js';

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A written value without its backticks and surrounding white space. */
function bare(value: string): string {
  return (value.includes('`') ? value.replace(/`/g, '') : value).trim();
}

/** A written effort or impact when the format allows it, else null. */
function valid<T extends string>(allowed: readonly T[], value: string | null): T | null {
  const v = value === null ? '' : bare(value);
  return (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

/** A plan's features with the status each declares, sorted by path (each put in its place as it comes: a plan lists a few). */
function featureFacts(paths: readonly string[], statusOf: ReadonlyMap<string, string | null>): PlanFacts['features'] {
  const out: PlanFacts['features'] = [];
  for (let i = 0; i < paths.length; i++) {
    const fact = { path: paths[i]!, status: statusOf.get(paths[i]!) ?? null };
    let at = out.length;
    out.push(fact);
    for (; at > 0 && byString(out[at - 1]!.path, fact.path) > 0; at--) out[at] = out[at - 1]!;
    out[at] = fact;
  }
  return out;
}

/**
 * The facts the ranking needs for every plan of the repository, sorted by path, read from the
 * plan states: header status, roadmap-ness and children, effort and impact as written (header,
 * else the roadmap's Child Plans row) when valid, the rule-based estimate where one is missing
 * on a plan that can be recommended, features with their status, progress (a roadmap's rolled up
 * from its active children), predecessors, blockers and downstream counts. Pure over the loaded
 * repository, the execution items and the lint errors of each plan's document.
 */
export function gatherFacts(repo: SpecRepo, items: readonly WorkItem[], lintErrors: ReadonlyMap<string, number> = new Map()): PlanFacts[] {
  const states = planStates(repo, items);
  const statusOf = new Map<string, string | null>();
  repo.features.forEach((f, path) => statusOf.set(path, f.parsed.feature.status));
  const facts: PlanFacts[] = [];
  states.plans.forEach((s) => {
    const status = s.declaredStatus === null ? null : bare(s.declaredStatus).toLowerCase();
    const unapproved = !s.roadmap && (status === 'draft' || status === 'in_review');
    const f: PlanFacts = {
      path: s.plan,
      title: s.title,
      status,
      roadmap: s.roadmap,
      parent: s.parent,
      children: s.children,
      effort: valid<Effort>(EFFORTS, s.effort),
      impact: valid<Impact>(IMPACTS, s.impact?.toLowerCase() ?? null),
      features: featureFacts(s.features, statusOf),
      steps: s.steps.length,
      progress: {
        done: s.progress.done,
        total: s.progress.total,
        // A plan nobody approved is not completed by its work items: it stays open (in progress,
        // with a question) until someone approves or supersedes it.
        completed: s.completed && !unapproved,
        completedOn: s.completed && !unapproved ? s.completedOn : null,
        inProgress: s.inProgress || (s.completed && unapproved),
        blockedItems: s.blockers.items,
      },
      predecessors: s.predecessors,
      blockedBy: s.blockers.plans,
      supersededPredecessors: s.supersededPredecessors,
      downstream: s.downstream,
      lintErrors: lintErrors.get(s.plan) ?? 0,
      estimate: null,
    };
    // The estimate `specplan suggest` shows, only where the ranking will use it.
    if (!(f.effort && f.impact) && eligibility(f).eligible) f.estimate = states.estimate(s.plan);
    facts.push(f);
  });
  return facts;
}

/** The rules that can find an error in a plan's own document (the others check features, proposals and the index). */
const PLAN_RULES = RULES.filter((r) => r.reportsInPlans !== false);

/** Lint errors per plan, counted in each plan's own document. */
export function planLintErrors(repo: SpecRepo, items: readonly WorkItem[]): Map<string, number> {
  const byFile = new Map([...repo.plans.values()].map((p) => [p.file, p.path]));
  const out = new Map<string, number>();
  for (const d of lintRepo(repo, { items, rules: PLAN_RULES, errorsOnly: true }).diagnostics) {
    const plan = d.severity === 'error' ? byFile.get(d.file) : undefined;
    if (plan) out.set(plan, (out.get(plan) ?? 0) + 1);
  }
  return out;
}
