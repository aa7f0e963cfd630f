import { draftSpecscorePlan } from '../drafting/draft-specscore-plan.js';
import { UsageError } from '../model/errors.js';
import type { PlanStates } from '../model/plan-state.js';
import type { SpecRepo } from '../model/repository.js';
import { findOverlaps, overlapError, overlapLines } from '../drafting/overlap.js';
import { readConventionDocs } from '../repo/conventions.js';
import type { DraftOutcome, DraftRequest } from './draft.js';
import type { OpenedModel } from './llm.js';
import { runOperation } from './unit-of-work.js';
import { writeSpecscorePlan } from './write-specscore-plan.js';

/**
 * `specplan draft` / `draft_plan` in a repository of the current SpecScore format: a
 * single-file plan drafted from a feature, accepted by that format's pipeline, and written (unless
 * a dry run) with its index row and the feature's Plans row as one journaled operation that
 * checks it again under the lock. A draft repeating an open plan's tasks is refused unless allowed.
 */
export async function draftInSpecscoreRepo(repo: SpecRepo, req: DraftRequest, model: OpenedModel, states: PlanStates): Promise<DraftOutcome> {
  if (req.roadmap)
    throw new UsageError(
      'the current SpecScore format has no roadmaps with a Child Plans table',
      'draft one plan; a sub-plan names its master plan with the parent option',
    );
  let r: Awaited<ReturnType<typeof draftSpecscorePlan>>;
  try {
    r = await draftSpecscorePlan({
      repo,
      source: req.source,
      provider: model.provider,
      prompts: model.prompts,
      slug: req.slug,
      parent: req.parent,
      author: req.author?.trim() || '@specplan',
      today: req.today,
      conventions: readConventionDocs(repo.root),
      signal: req.signal,
    });
  } finally {
    req.onUsage?.(model.usage());
  }
  // A draft that repeats an open plan's tasks is refused unless allowed, as in the seed format.
  const overlaps = findOverlaps(repo, states, { path: r.planPath, plan: r.plan, features: [r.source.feature.path] });
  if (overlaps.length && !req.allowOverlap) throw overlapError(overlaps);
  const written = req.dryRun
    ? []
    : (await runOperation(repo.root, (op) => writeSpecscorePlan(op, r.planPath, { content: { markdown: r.markdown } }), { today: req.today })).written;
  return {
    plan: r.planPath,
    file: r.file,
    children: null,
    markdown: r.markdown,
    provider: r.provider,
    model: r.model,
    attempts: r.attempts,
    written: [...written].sort(),
    notes: [],
    omitted: r.context.omitted.map((o) => o.title),
    omittedNote: r.context.omittedNote,
    overlaps: overlapLines(overlaps),
    usage: model.usage(),
  };
}
