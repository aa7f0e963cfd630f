import { scaffoldPlan } from '../lifecycle/scaffold.js';
import type { DraftHeader } from '../model/draft.js';
import { ProblemError, UsageError, act } from '../model/errors.js';
import { checkSpecPath, isSafeSlug, refuseBuiltinKey, resolveHref } from '../model/paths.js';
import { PLANS_DIR, type FeatureEntry, type ProposalEntry, type SpecRepo } from '../model/repository.js';

/** Where a draft comes from: a feature spec or an approved proposal (`feature/slug`). */
export type DraftSource = { kind: 'feature'; feature: string } | { kind: 'proposal'; proposal: string };

/** A source checked against the repository. */
export interface ResolvedSource {
  kind: 'feature' | 'proposal';
  /** Feature path or proposal id. */
  id: string;
  /** The feature (for a proposal: the feature it changes). */
  feature: FeatureEntry;
  proposal: ProposalEntry | null;
  /** Feature or proposal title. */
  title: string;
}

function closest(names: Iterable<string>, wanted: string): string[] {
  const tail = wanted.split('/').at(-1) ?? wanted;
  return [...names]
    .filter((n) => n.includes(tail) || tail.includes(n.split('/').at(-1) ?? n))
    .sort()
    .slice(0, 3);
}

/** Check a source against the repository: it must exist; a proposal must be approved and have no plan yet. */
export function resolveSource(repo: SpecRepo, source: DraftSource): ResolvedSource {
  if (source.kind === 'feature') {
    const id = checkSpecPath('feature', source.feature);
    const feature = repo.features.get(id);
    if (!feature) {
      const near = closest(repo.features.keys(), id);
      throw new UsageError(
        `feature "${id}" does not exist (no spec/features/${id}/README.md)`,
        near.length ? `did you mean ${near.join(', ')}?` : 'pass the feature folder below spec/features/, e.g. cli or chat/workflow',
      );
    }
    return { kind: 'feature', id, feature, proposal: null, title: feature.parsed.feature.title || id };
  }
  const id = checkSpecPath('proposal', source.proposal, 17);
  if (!id.includes('/')) throw new UsageError(`"${id}" is not a proposal id`, 'use feature/proposal-slug, e.g. cli/batch-mode');
  const proposal = repo.proposals.get(id);
  if (!proposal) {
    const near = closest(repo.proposals.keys(), id);
    throw new UsageError(
      `proposal "${id}" does not exist`,
      near.length ? `did you mean ${near.join(', ')}?` : 'use feature/proposal-slug as found under spec/features/<feature>/proposals/',
    );
  }
  const feature = repo.features.get(proposal.feature);
  if (!feature)
    throw new ProblemError(
      `proposal "${id}" belongs to feature "${proposal.feature}", which has no README.md`,
      `add spec/features/${proposal.feature}/README.md`,
    );
  const status = proposal.parsed.proposal.status;
  if (status !== 'approved') {
    throw new ProblemError(
      `proposal "${id}" is ${status ?? 'without a status'}; plans are drafted from approved proposals`,
      'approve the proposal first (its Status row), then run the command again',
    );
  }
  if (proposal.parsed.proposal.plan) {
    const l = proposal.parsed.proposal.plan;
    const target = resolveHref(proposal.file, l.href)?.replace(/\/README\.md$/i, '') ?? '';
    const linked = target.startsWith(`${PLANS_DIR}/`) ? target.slice(PLANS_DIR.length + 1) : l.text;
    throw new ProblemError(`proposal "${id}" already links to the plan [${l.text}](${l.href})`, [
      'supersede that plan instead (',
      act({ do: 'transition', transition: 'supersede', plan: linked }),
      '), or remove the Plan row first',
    ]);
  }
  return { kind: 'proposal', id, feature, proposal, title: proposal.parsed.proposal.title || proposal.slug };
}

/** Default plan slug: the proposal slug, or the feature path with `/` → `-`. */
export function defaultSlug(source: ResolvedSource): string {
  const raw = source.proposal ? source.proposal.slug : source.id.replace(/\//g, '-');
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'plan'
  );
}

/**
 * The plan path for a draft: `slug` or `parent/slug`. The slug must be safe, the parent must be
 * an existing top-level plan that is not approved or superseded, and the path must be free.
 */
export function draftPlanPath(repo: SpecRepo, slug: string, parent?: string | null): string {
  refuseBuiltinKey(slug);
  if (!isSafeSlug(slug)) throw new UsageError(`"${slug}" is not a valid plan slug`, 'use lower-case letters, digits and hyphens, e.g. batch-mode');
  let planPath = slug;
  if (parent) {
    const p = checkSpecPath('plan', parent, 1);
    const roadmap = repo.plans.get(p);
    if (!roadmap)
      throw new UsageError(`roadmap "${p}" does not exist`, ['give ', act({ do: 'option', name: 'parent' }), ' an existing top-level plan below spec/plans/']);
    const status = roadmap.parsed.plan.header.status;
    if (status === 'approved' || status === 'superseded') {
      throw new ProblemError(
        `roadmap "${p}" is ${status}; its Child Plans table cannot change`,
        'approved plans are frozen: create a new roadmap that supersedes it',
      );
    }
    planPath = `${p}/${slug}`;
  }
  if (repo.plans.has(planPath))
    throw new ProblemError(`plan "${planPath}" already exists`, ['choose another ', act({ do: 'option', name: 'slug' }), ', or edit the existing plan']);
  return planPath;
}

/** Header values for the draft, the same a new plan gets (lifecycle scaffold). */
export function draftHeader(planPath: string, source: ResolvedSource, author: string, today: string): DraftHeader {
  const scaffold = scaffoldPlan({
    planPath,
    title: source.title,
    author,
    today,
    features: [{ path: source.feature.path, title: source.feature.parsed.feature.title }],
    proposal: source.proposal ? { id: source.proposal.id, title: source.proposal.parsed.proposal.title } : null,
  });
  const h = scaffold.header;
  return { features: h.features, sourceType: source.proposal ? 'change-request' : 'feature', source: h.source ?? '', author, created: today };
}
