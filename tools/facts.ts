import { planStatesOf } from '../src/app/plan-state.js';
import type { PlanState, PlanStates } from '../src/model/plan-state.js';
import type { ToolContext } from './context.js';
import type { PlanRow } from './schemas.js';

/** A plan's row for the list tools plus the plan state it comes from. */
export interface PlanFactsRow extends PlanRow {
  view: PlanState;
}

const cache = new WeakMap<PlanStates, Map<string, PlanFactsRow>>();

/**
 * Every plan's row (status as written and as shown, roadmap, features, effort and impact as
 * written, step progress, whether a predecessor blocks it) with its plan state, in plan-path
 * order. Computed once per loaded repository and execution state, so list and read calls on a
 * large repository stay fast.
 */
export async function planFacts(ctx: ToolContext): Promise<Map<string, PlanFactsRow>> {
  const states = planStatesOf(ctx.repo(), (await ctx.execution()).items);
  let rows = cache.get(states);
  if (!rows) {
    rows = new Map();
    for (const s of states.plans.values()) {
      rows.set(s.plan, {
        plan: s.plan,
        title: s.title,
        status: s.declaredStatus,
        derivedStatus: s.status || null,
        roadmap: s.roadmap,
        parent: s.parent,
        features: s.features,
        effort: s.effort,
        impact: s.impact,
        progress: `${s.progress.done}/${s.progress.total}`,
        blocked: s.blockers.plans.length > 0,
        view: s,
      });
    }
    cache.set(states, rows);
  }
  return rows;
}

/** Public row (without the plan state), exactly matching `PlanRowOut`. */
export function publicRow(r: PlanFactsRow): PlanRow {
  const { view: _v, ...row } = r;
  return row;
}
