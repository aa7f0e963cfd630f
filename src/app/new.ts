import { planNew, type NewPlanRequest } from '../lifecycle/new-plan.js';
import { planNewSpecscore } from '../lifecycle/specscore-new.js';
import type { CreatedPlan } from '../lifecycle/create-plan.js';
import { runOperation, type OperationOptions, type OperationOutcome } from './unit-of-work.js';

/**
 * `specplan new` and the `scaffold_plan` tool: the seed's template as a draft plan, dated today,
 * written with its index row, feature back-references, proposal link and roadmap row; in a
 * repository of the current SpecScore format, that format's single-file template and index row.
 */
export function newPlan(root: string, req: NewPlanRequest, opts: OperationOptions): Promise<OperationOutcome<CreatedPlan>> {
  return runOperation(root, (ctx) => (ctx.repo.format?.format === 'specscore' ? planNewSpecscore(ctx, req) : planNew(ctx, req)), opts);
}
