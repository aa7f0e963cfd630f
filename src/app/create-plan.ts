import { planCreation, type CreatedPlan, type CreatePlanRequest } from '../lifecycle/create-plan.js';
import { runOperation, type OperationOptions, type OperationOutcome } from './unit-of-work.js';

/** Create a plan with its index row, back-references, proposal link and roadmap row, atomically. */
export function createPlan(root: string, req: CreatePlanRequest, opts: OperationOptions): Promise<OperationOutcome<CreatedPlan>> {
  return runOperation(root, (ctx) => planCreation(ctx, req), opts);
}
