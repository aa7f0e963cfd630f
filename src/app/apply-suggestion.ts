import { runOperation } from './unit-of-work.js';
import type { Effort, Impact } from '../model/plan.js';
import { applySuggestionChanges } from '../drafting/suggest.js';

/**
 * Write effort/impact into a draft or in_review plan's header (surgical edit) and refresh the
 * index tables, as one lifecycle operation (lock, fresh reload, freeze guard, journaled writes).
 * Returns the files written (sorted).
 */
export async function applySuggestion(root: string, planPath: string, values: { effort: Effort; impact: Impact }, today: string): Promise<string[]> {
  const outcome = await runOperation(root, (ctx) => ({ changes: applySuggestionChanges(ctx.repo, planPath, values), result: null }), { today });
  return [...outcome.written].sort();
}
