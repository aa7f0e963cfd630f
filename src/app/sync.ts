import type { LlmProvider } from '../generation/provider.js';
import type { PromptSource } from '../generation/prompts.js';
import { LlmRequestError, StructuredOutputError } from '../generation/errors.js';
import { ProblemError, SpecplanError } from '../model/errors.js';
import { readConventionDocs } from '../repo/conventions.js';
import { loadRepo } from '../repo/load-repo.js';
import { resolveHref } from '../model/paths.js';
import { planFeatures } from '../analysis/plan-features.js';
import type { SpecRepo } from '../model/repository.js';
import type { ConventionDoc } from '../drafting/context.js';
import { draftPlan } from '../drafting/draft-plan.js';
import { overlapError } from '../drafting/overlap.js';
import { defaultSlug, resolveSource, type DraftSource } from '../drafting/source.js';
import { writeDraftPlan } from './write-draft.js';
import { NO_USAGE, openModel, type ModelChoice, type UsageReport } from './llm.js';
import { openRepo, type WorkspaceOptions } from './workspace.js';

/** Something approved that has no plan yet. */
export interface SyncCandidate {
  source: DraftSource;
  /** Feature path or proposal id. */
  id: string;
  reason: string;
}

/** Folder of a plan's Source link(s), root-relative. */
function sourceTargets(repo: SpecRepo): Set<string> {
  const out = new Set<string>();
  for (const p of repo.plans.values()) {
    for (const link of p.parsed.sourceLinks) {
      const t = resolveHref(p.file, link.href);
      if (t) out.add(t.replace(/\/README\.md$/i, ''));
    }
  }
  return out;
}

/**
 * Approved proposals without a plan (no Plan row and no plan whose Source links to them) and
 * approved features that no plan lists, sorted: proposals first, then features. Pure.
 */
export function autoCreateCandidates(repo: SpecRepo): SyncCandidate[] {
  const linked = sourceTargets(repo);
  const covered = new Set([...repo.plans.values()].flatMap((p) => planFeatures(p)));
  const out: SyncCandidate[] = [];
  for (const p of [...repo.proposals.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (p.parsed.proposal.status !== 'approved' || p.parsed.proposal.plan) continue;
    if (linked.has(p.file.replace(/\/README\.md$/, ''))) continue;
    out.push({ source: { kind: 'proposal', proposal: p.id }, id: p.id, reason: 'approved proposal without a plan' });
  }
  for (const f of [...repo.features.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if ((f.parsed.feature.status ?? '').trim().toLowerCase() !== 'approved' || covered.has(f.path)) continue;
    out.push({ source: { kind: 'feature', feature: f.path }, id: f.path, reason: 'approved feature that no plan lists' });
  }
  return out;
}

/** The default slug, or the first free `slug-2`, `slug-3` … */
function freeSlug(repo: SpecRepo, source: DraftSource): string {
  const base = defaultSlug(resolveSource(repo, source));
  if (!repo.plans.has(base)) return base;
  for (let i = 2; ; i++) if (!repo.plans.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** What happened to one candidate. */
interface SyncOutcome {
  id: string;
  plan: string | null;
  written: string[];
  attempts: number;
  error: string | null;
}

/**
 * `planning.auto_create`: draft and write a plan for every candidate, one after the other (the
 * repository is reloaded between drafts). A draft that stays invalid is reported and the others
 * continue; a transport failure (timeout, HTTP error) stops the run. A dry run only lists the
 * candidates and the slugs they would get, without asking the model.
 */
async function syncDrafts(opts: {
  root: string;
  provider: LlmProvider;
  prompts: PromptSource;
  today: string;
  author?: string | undefined;
  conventions?: readonly ConventionDoc[];
  dryRun?: boolean | undefined;
}): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  const first = loadRepo(opts.root, { cache: opts.dryRun ? 'read' : 'write' });
  for (const c of autoCreateCandidates(first)) {
    const repo = opts.dryRun ? first : loadRepo(opts.root);
    // An earlier draft may have covered this one (a proposal's plan lists its feature).
    if (!opts.dryRun && !autoCreateCandidates(repo).some((x) => x.id === c.id)) continue;
    if (opts.dryRun) {
      // A dry run lists the drafts without paying for them: no model is asked.
      outcomes.push({ id: c.id, plan: freeSlug(repo, c.source), written: [], attempts: 0, error: null });
      continue;
    }
    try {
      const result = await draftPlan({
        repo,
        source: c.source,
        provider: opts.provider,
        prompts: opts.prompts,
        slug: freeSlug(repo, c.source),
        author: opts.author,
        today: opts.today,
        conventions: opts.conventions,
      });
      // A draft repeating an open plan's steps is reported like an invalid one; the others go on.
      if (result.overlaps.length) throw overlapError(result.overlaps);
      const written = opts.dryRun ? [] : (await writeDraftPlan(opts.root, result)).written;
      outcomes.push({ id: c.id, plan: result.planPath, written, attempts: result.attempts, error: null });
    } catch (e) {
      if (!(e instanceof SpecplanError)) throw e;
      outcomes.push({ id: c.id, plan: null, written: [], attempts: e instanceof StructuredOutputError ? e.attempts.length : 0, error: e.message });
      // A transport failure or a usage problem will not get better for the next candidate.
      if (!(e instanceof ProblemError) || e instanceof LlmRequestError) break;
    }
  }
  return outcomes;
}

/** What `sync` was asked to do. */
export interface SyncRequest extends WorkspaceOptions {
  author?: string | undefined;
  today: string;
  dryRun?: boolean | undefined;
  model?: ModelChoice | undefined;
  /** Called with the usage when the drafting ends, also when it fails. */
  onUsage?: ((usage: UsageReport) => void) | undefined;
}

/** The drafts made (or, with `planning.auto_create` off, nothing). */
export interface SyncResult {
  autoCreate: boolean;
  /** The configuration file that turned it off, or null when there is none. */
  configFile: string | null;
  outcomes: SyncOutcome[];
  usage: UsageReport;
}

/** `planning.auto_create`: draft a plan for each approved proposal or feature that has none. */
export async function sync(req: SyncRequest): Promise<SyncResult> {
  const repo = await openRepo(req);
  if (!repo.config.auto_create) return { autoCreate: false, configFile: repo.configFile, outcomes: [], usage: NO_USAGE };
  const model = await openModel(repo.config.llm, req.model);
  try {
    const outcomes = await syncDrafts({
      root: repo.root,
      provider: model.provider,
      prompts: model.prompts,
      today: req.today,
      author: req.author,
      conventions: readConventionDocs(repo.root),
      dryRun: req.dryRun,
    });
    return { autoCreate: true, configFile: repo.configFile, outcomes, usage: model.usage() };
  } finally {
    req.onUsage?.(model.usage());
  }
}
