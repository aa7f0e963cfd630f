import { checkSpecPath } from '../model/paths.js';
import { planTransition, type TransitionRequest, type TransitionResult } from '../lifecycle/transition-op.js';
import { planSpecscoreTransition } from '../lifecycle/specscore-transition.js';
import { runOperation, type OperationOptions, type OperationOutcome } from './unit-of-work.js';

/**
 * `specplan submit|approve|revise|reject|withdraw|supersede|deprecate` and the `set_plan_status`
 * tool: one status transition, in the lifecycle of the plan's own format, with its index,
 * back-reference, roadmap, approval-record or snapshot updates, atomically. Approving a plan of
 * the current SpecScore format reads the HEAD commit its snapshot names.
 */
export function transitionPlan(root: string, req: TransitionRequest, opts: OperationOptions): Promise<OperationOutcome<TransitionResult>> {
  return runOperation(
    root,
    async (ctx) => {
      const entry = ctx.repo.plans.get(checkSpecPath('plan', req.plan));
      if (!entry?.parsed.specscore) return planTransition(ctx, req);
      // The git library is loaded only to approve a plan of the current format.
      const head = req.action === 'approve' ? await (await import('../repo/git-baseline.js')).headCommit(ctx.root, entry.file) : null;
      return planSpecscoreTransition(ctx, entry, req, head);
    },
    opts,
  );
}
