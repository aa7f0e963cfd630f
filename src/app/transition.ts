import { planTransition, type TransitionRequest, type TransitionResult } from '../lifecycle/transition-op.js';
import { runOperation, type OperationOptions, type OperationOutcome } from './unit-of-work.js';

/**
 * `specplan submit|revise|approve|supersede` and the `set_plan_status` tool: one status transition
 * with its index, back-reference, roadmap and approval-record updates, atomically.
 */
export function transitionPlan(root: string, req: TransitionRequest, opts: OperationOptions): Promise<OperationOutcome<TransitionResult>> {
  return runOperation(root, (ctx) => planTransition(ctx, req), opts);
}
