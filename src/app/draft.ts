import type { DraftSource } from '../drafting/source.js';
import { readConventionDocs } from '../repo/conventions.js';
import { openModel, type ModelChoice, type UsageReport } from './llm.js';
import { createPlanSet } from './write-roadmap.js';
import { writeDraftPlan } from './write-draft.js';
import { openState, type WorkspaceOptions } from './workspace.js';
import { planStatesOf } from './plan-state.js';
import { overlapError, overlapLines, type PlanOverlap } from '../drafting/overlap.js';

/** What to draft: a plan (or a roadmap with its children) from a feature or an approved proposal. */
export interface DraftRequest extends WorkspaceOptions {
  source: DraftSource;
  slug?: string | undefined;
  /** Roadmap to draft a child plan into. */
  parent?: string | null | undefined;
  /** Draft a roadmap with its child plans instead of one plan. */
  roadmap?: boolean | undefined;
  author?: string | undefined;
  /** Created date YYYY-MM-DD. */
  today: string;
  dryRun?: boolean | undefined;
  /** Write a draft even when its steps repeat an open plan's of the same feature (the overlaps are reported). */
  allowOverlap?: boolean | undefined;
  model?: ModelChoice | undefined;
  /** Called with the usage when the drafting ends, also when it fails. */
  onUsage?: ((usage: UsageReport) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** A validated draft and what was written. */
export interface DraftOutcome {
  plan: string;
  file: string;
  /** Child plans of a drafted roadmap. */
  children: string[] | null;
  /** The plan's markdown; a roadmap's documents separated by `---`. */
  markdown: string;
  provider: string;
  model: string;
  attempts: number;
  written: string[];
  notes: string[];
  /** Context left out to fit the budget: titles, and one sentence saying so ('' when nothing was). */
  omitted: string[];
  omittedNote: string;
  /** Steps that repeat an open plan's, one line each (written only with `allowOverlap`). */
  overlaps: string[];
  usage: UsageReport;
}

/**
 * Draft a plan or roadmap with the chosen model (or the deterministic skeleton with `none`),
 * accepted like a hand-written plan, and write it with everything a new plan updates, as one
 * journaled operation. A dry run writes nothing.
 */
export async function draft(req: DraftRequest): Promise<DraftOutcome> {
  const { repo, items } = await openState(req);
  const model = await openModel(repo.config.llm, req.model);
  if (repo.format?.format === 'specscore') {
    const { draftInSpecscoreRepo } = await import('./draft-specscore.js');
    return draftInSpecscoreRepo(repo, req, model, planStatesOf(repo, items));
  }
  const common = {
    repo,
    source: req.source,
    provider: model.provider,
    prompts: model.prompts,
    slug: req.slug,
    author: req.author,
    today: req.today,
    conventions: readConventionDocs(repo.root),
    signal: req.signal,
    states: planStatesOf(repo, items),
  };
  let result: {
    planPath: string;
    file: string;
    markdown: string;
    provider: string;
    model: string;
    attempts: number;
    context: { omitted: Array<{ title: string }>; omittedNote: string };
    children?: Array<{ planPath: string; markdown: string }>;
    overlaps: PlanOverlap[];
  };
  let write: () => Promise<{ written: string[]; notes: string[] }>;
  try {
    if (req.roadmap) {
      const { draftRoadmap } = await import('../drafting/draft-roadmap.js');
      const r = await draftRoadmap(common);
      result = r;
      write = () => createPlanSet(repo.root, [r, ...r.children], r.source.proposal?.id ?? null, req.today);
    } else {
      const { draftPlan } = await import('../drafting/draft-plan.js');
      const r = await draftPlan({ ...common, parent: req.parent });
      result = r;
      write = () => writeDraftPlan(repo.root, r);
    }
  } finally {
    req.onUsage?.(model.usage());
  }
  if (result.overlaps.length && !req.allowOverlap) throw overlapError(result.overlaps);
  const { written, notes } = req.dryRun ? { written: [], notes: [] } : await write();
  return {
    plan: result.planPath,
    file: result.file,
    children: result.children ? result.children.map((c) => c.planPath) : null,
    markdown: [result.markdown, ...(result.children ?? []).map((c) => c.markdown)].join('\n---\n\n'),
    provider: result.provider,
    model: result.model,
    attempts: result.attempts,
    written,
    notes,
    omitted: result.context.omitted.map((o) => o.title),
    omittedNote: result.context.omittedNote,
    overlaps: overlapLines(result.overlaps),
    usage: model.usage(),
  };
}
