import { statusViews, type PlanStatusView } from '../src/analysis/status.js';
import { planFeatures } from '../src/edit/index-sync.js';
import type { SpecRepo } from '../src/model/repository.js';
import type { ToolContext } from './context.js';
import type { PlanRow } from './schemas.js';

/** A plan's row for the list tools plus the `specplan status` view it comes from. */
export interface PlanFactsRow extends PlanRow {
  view: PlanStatusView;
}

const cache = new WeakMap<SpecRepo, WeakMap<object, Map<string, PlanFactsRow>>>();

/**
 * Every plan's status view (`specplan status`: derived status, progress, blockers, roadmap
 * roll-up) with its features and estimates, in plan-path order. Computed once per loaded
 * repository and execution state, so list and read calls on a large repository stay fast.
 */
export async function planFacts(ctx: ToolContext): Promise<Map<string, PlanFactsRow>> {
  const repo = ctx.repo();
  const exec = await ctx.execution();
  let byExec = cache.get(repo);
  if (!byExec) cache.set(repo, (byExec = new WeakMap()));
  let rows = byExec.get(exec);
  if (!rows) {
    rows = new Map();
    for (const v of statusViews(repo, exec.items)) {
      const e = repo.plans.get(v.plan)!;
      const h = e.parsed.plan.header;
      rows.set(v.plan, {
        plan: v.plan,
        title: v.title,
        status: v.declaredStatus,
        derivedStatus: v.status || null,
        roadmap: v.roadmap,
        parent: v.parent,
        features: planFeatures(e),
        effort: h.effort,
        impact: h.impact,
        progress: `${v.progress.done}/${v.progress.total}`,
        blocked: v.blockers.plans.length > 0,
        view: v,
      });
    }
    byExec.set(exec, rows);
  }
  return rows;
}

/** Public row (without the view), exactly matching `PlanRowOut`. */
export function publicRow(r: PlanFactsRow): PlanRow {
  const { view: _v, ...row } = r;
  return row;
}
