import { act, UsageError } from '../model/errors.js';
import { checkSpecPath } from '../model/paths.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import { planCreation, type CreatedPlan } from './create-plan.js';
import { scaffoldPlan } from './scaffold.js';

/** What a new plan is made from (`specplan new`, the `scaffold_plan` tool). */
export interface NewPlanRequest {
  /** Slug, or `roadmap/slug`. */
  slug: string;
  /** Roadmap to nest under (alternative to `roadmap/slug`). */
  parent?: string | null;
  title: string;
  author: string;
  /** Affected features (paths below spec/features/); or a proposal, not both. */
  features?: readonly string[];
  /** Source proposal `feature/slug`. */
  proposal?: string | null;
  /** Source idea slug (`spec/ideas/<slug>.md`; the current SpecScore format only). */
  idea?: string | null;
}

/**
 * A single-line text value (`title`, `author`, `approver`), trimmed; refuses empty values, line
 * breaks, and (except in a title) table pipes.
 */
export function textField(name: string, value: string | undefined): string {
  const v = (value ?? '').trim();
  const option = act({ do: 'option', name });
  if (!v) throw new UsageError(`the ${name} is empty`, ['pass ', option, ' with a value']);
  if (/[\r\n]/.test(v)) throw new UsageError(`the ${name} contains a line break`, ['pass ', option, ' on one line']);
  if (name !== 'title' && v.includes('|'))
    throw new UsageError(`the ${name} contains "|"`, ['remove the "|" from ', option, '; it would break the tables that list it']);
  return v;
}

/** The changes of a new plan: the seed's template, filled, plus every reference to it. */
export function planNew(ctx: OperationContext, req: NewPlanRequest): PlannedOperation<CreatedPlan> {
  const title = textField('title', req.title);
  const author = textField('author', req.author);
  let planPath = req.slug.trim();
  if (req.parent) {
    if (planPath.includes('/'))
      throw new UsageError(`give either a parent roadmap or a slug with "/", not both ("${req.slug}" with parent ${req.parent})`, 'name the roadmap once');
    planPath = `${checkSpecPath('plan', req.parent, 1)}/${planPath}`;
  }
  const features = req.features ?? [];
  if (req.idea) throw new UsageError('the seed plan format has no ideas as plan sources', 'name the affected features, or the source proposal');
  if (features.length && req.proposal)
    throw new UsageError('give either features or a proposal, not both', 'a plan from a proposal takes its feature from the proposal');
  if (!features.length && !req.proposal)
    throw new UsageError('no source given', 'name one or more affected features, or the source proposal as feature/proposal-slug');
  let proposal: { id: string; title: string } | null = null;
  let featureList: Array<{ path: string; title: string }>;
  if (req.proposal) {
    const id = checkSpecPath('proposal', req.proposal);
    if (!id.includes('/')) throw new UsageError(`"${req.proposal}" is not a proposal`, 'name it as feature/proposal-slug');
    const pr = ctx.repo.proposals.get(id);
    if (!pr)
      throw new UsageError(
        `proposal ${id} does not exist`,
        `expected spec/features/${id.slice(0, id.lastIndexOf('/'))}/proposals/${id.slice(id.lastIndexOf('/') + 1)}/README.md`,
      );
    proposal = { id, title: pr.parsed.proposal.title };
    featureList = [{ path: pr.feature, title: ctx.repo.features.get(pr.feature)?.parsed.feature.title ?? pr.feature }];
  } else {
    const seen = new Set<string>();
    featureList = [];
    for (const f of features) {
      const p = checkSpecPath('feature', f);
      const entry = ctx.repo.features.get(p);
      if (!entry) throw new UsageError(`feature ${p} does not exist`, `expected spec/features/${p}/README.md`);
      if (seen.has(p)) continue;
      seen.add(p);
      featureList.push({ path: p, title: entry.parsed.feature.title });
    }
  }
  const document = scaffoldPlan({ planPath: planPath.replace(/\/+$/, ''), title, author, today: ctx.today, features: featureList, proposal });
  return planCreation(ctx, { plan: planPath, document, proposal: proposal?.id ?? null });
}
