import { PLAN_FORMAT_URL } from '../model/plan-format.js';
import { UsageError } from '../model/errors.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import { checkSpecPath, isSafeSlug } from '../model/paths.js';
import { PLANS_DIR, type PlanEntry, type SpecRepo } from '../model/repository.js';

/** Where the ideas of a current-format repository live (`spec/ideas/<slug>.md`). */
const IDEAS_DIR = 'spec/ideas';
import { inlineText } from '../markdown/escape.js';
import { parseSpecscorePlan } from '../parse/specscore-plan.js';
import { specscoreIndexChanges } from '../edit/specscore-index.js';
import { addFeatureBackReference } from '../edit/specscore-feature-plans.js';
import type { CreatedPlan } from './create-plan.js';
import { textField, type NewPlanRequest } from './new-plan.js';

/** The plan template of the current format, filled: a Draft single-file plan with one task to write. */
function scaffold(o: { title: string; author: string; today: string; feature: string | null; idea: string | null; parent: string | null }): string {
  const source = o.feature ? `**Source Feature:** ${o.feature}` : o.idea ? `**Source:** idea:${o.idea}` : '**Source:** none';
  const verifies = o.feature ? `${o.feature}#ac:TODO` : '—';
  return [
    '---',
    `format: ${PLAN_FORMAT_URL}`,
    'status: Draft',
    '---',
    '',
    `# Plan: ${inlineText(o.title)}`,
    '',
    '**Status:** Draft',
    source,
    `**Date:** ${o.today}`,
    `**Owner:** ${inlineText(o.author)}`,
    '**Supersedes:** —',
    ...(o.parent ? [`**Parent:** ${o.parent}`] : []),
    '',
    '## Summary',
    '',
    'TODO: 1-3 sentences on what this plan covers.',
    '',
    '## Approach',
    '',
    'TODO: one paragraph on how the work is decomposed.',
    '',
    '## Tasks',
    '',
    '### Task 1: TODO',
    '',
    `**Verifies:** ${verifies}`,
    '**Depends-On:** —',
    '**Status:** planning',
    '',
    'TODO: what this task does.',
    '',
    '## Open Questions',
    '',
    'None at this time.',
    '',
    '---',
    `*This document follows the ${PLAN_FORMAT_URL}*`,
    '',
  ].join('\n');
}

/**
 * `specplan new` in a repository of the current SpecScore format: a Draft single-file plan
 * `spec/plans/<slug>.md` (a sub-plan names its master with `**Parent:**`), dated today, with its
 * Contents row added to the plans index and its row in the source feature's `## Plans` table.
 * The source is one feature, one idea (`spec/ideas/<slug>.md`, written `**Source:** idea:<slug>`)
 * or none; proposals are not sources in this format.
 */
export function planNewSpecscore(ctx: OperationContext, req: NewPlanRequest): PlannedOperation<CreatedPlan> & { format: 'specscore' } {
  const title = textField('title', req.title);
  const author = textField('author', req.author);
  const slug = checkSpecPath('plan', req.slug, 1);
  const parent = req.parent ? checkSpecPath('plan', req.parent) : null;
  if (parent && !ctx.repo.plans.has(parent)) throw new UsageError(`plan ${parent} does not exist`, 'name an existing plan as the parent');
  if (req.proposal) throw new UsageError('the current SpecScore format has no proposals as plan sources', 'name the one source feature instead');
  const features = [...new Set((req.features ?? []).map((f) => checkSpecPath('feature', f)))];
  if (features.length > 1)
    throw new UsageError(`a plan of the current SpecScore format has one Source Feature; ${features.length} were given`, 'name one feature');
  const feature = features[0] ?? null;
  if (feature && !ctx.repo.features.has(feature)) throw new UsageError(`feature ${feature} does not exist`, `expected spec/features/${feature}/README.md`);
  const file = `${PLANS_DIR}/${slug}.md`;
  if (ctx.repo.plans.has(slug) || ctx.repo.exists?.(file) || ctx.repo.exists?.(`${PLANS_DIR}/${slug}`))
    throw new UsageError(`plan ${slug} already exists`, 'choose another slug');
  if (feature && req.idea) throw new UsageError('a plan of the current SpecScore format has one source: a feature or an idea, not both', 'name one of them');
  const idea = req.idea ? req.idea.trim() : null;
  if (idea !== null && !isSafeSlug(idea)) throw new UsageError(`"${req.idea}" is not an idea slug`, 'name the idea file spec/ideas/<slug>.md by its slug');
  if (idea && !ctx.repo.exists?.(`${IDEAS_DIR}/${idea}.md`)) throw new UsageError(`idea ${idea} does not exist`, `expected ${IDEAS_DIR}/${idea}.md`);
  const text = scaffold({ title, author, today: ctx.today, feature, idea, parent });
  const entry: PlanEntry = { path: slug, file, parent: null, children: [], text, parsed: parseSpecscorePlan(text, file), extraFiles: [], acs: [], reports: [] };
  const plans = new Map(ctx.repo.plans);
  plans.set(slug, entry);
  const next: SpecRepo = { ...ctx.repo, plans };
  const backReference = feature ? addFeatureBackReference(ctx.repo, feature, entry) : null;
  const changes = [{ file, content: text, before: null }, ...specscoreIndexChanges(next), ...(backReference ? [backReference] : [])];
  return { changes, result: { plan: slug, file, parent, notes: [] }, sync: false, format: 'specscore' };
}
