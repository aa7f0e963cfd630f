import { createPlan } from './create-plan.js';
import type { DraftPlanResult } from '../drafting/draft-plan.js';

/** What a draft needs to be written: the plan path, its markdown, its creation date and source. */
export type WritableDraft = Pick<DraftPlanResult, 'planPath' | 'markdown' | 'plan'> & { source: { proposal: { id: string } | null } };

/**
 * Write a validated draft with everything `specplan new` updates — the plans index, the
 * features' `## Plans` back-references, the roadmap's Child Plans row and the proposal's forward
 * reference — through the lifecycle's shared `createPlan` (repository lock, fresh reload, lint
 * check of the repository as it will be, journaled atomic writes). Returns the files written.
 */
export async function writeDraftPlan(root: string, draft: WritableDraft): Promise<{ written: string[]; notes: string[] }> {
  const outcome = await createPlan(
    root,
    { plan: draft.planPath, document: draft.markdown, proposal: draft.source.proposal?.id ?? null, validate: true },
    { today: draft.plan.header.created ?? '' },
  );
  return { written: [...outcome.written].sort(), notes: outcome.result.notes };
}
