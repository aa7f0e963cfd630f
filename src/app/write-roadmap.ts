import { planCreation } from '../lifecycle/create-plan.js';
import { runOperation, type OperationContext, type PlannedOperation } from './unit-of-work.js';
import { mergeChanges, withChanges } from '../parse/with-changes.js';
import type { SpecRepo } from '../model/repository.js';

/**
 * Create several new plans (a roadmap first, then its children) as ONE lifecycle operation: each
 * `planCreation` sees the repository with the earlier ones added, every document's lint check
 * runs on the final repository, and all files (plans, index, back-references, proposal link) are
 * written together under the lock, or nothing is.
 */
export async function createPlanSet(
  root: string,
  docs: ReadonlyArray<{ planPath: string; markdown: string }>,
  proposal: string | null,
  today: string,
): Promise<{ written: string[]; notes: string[] }> {
  const outcome = await runOperation(
    root,
    (ctx: OperationContext): PlannedOperation<string[]> => {
      let changes = mergeChanges();
      const checks: Array<(next: SpecRepo) => void> = [];
      const notes: string[] = [];
      docs.forEach((d, i) => {
        const step = planCreation(
          { ...ctx, repo: withChanges(ctx.repo, changes) },
          { plan: d.planPath, document: d.markdown, proposal: i === 0 ? proposal : null, validate: true },
        );
        changes = mergeChanges(changes, step.changes);
        if (step.check) checks.push(step.check);
        notes.push(...step.result.notes);
      });
      return { changes, result: notes, check: (next) => checks.forEach((c) => c(next)) };
    },
    { today },
  );
  return { written: [...outcome.written].sort(), notes: outcome.result };
}
