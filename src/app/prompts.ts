import { planFeatures } from '../analysis/plan-features.js';
import { estimatePlan } from '../analysis/estimate.js';
import { assembleContext } from '../drafting/context.js';
import { defaultSlug, draftPlanPath, resolveSource, type DraftSource } from '../drafting/source.js';
import { estimateText } from '../drafting/suggest.js';
import { renderPrompt } from '../generation/prompts.js';
import { lintRepo } from '../lint/index.js';
import { newPlanSlug, specscorePromptVars } from '../drafting/draft-specscore-plan.js';
import { UsageError } from '../model/errors.js';
import { PLANS_DIR, type PlanEntry, type SpecRepo } from '../model/repository.js';
import { readConventionDocs } from '../repo/conventions.js';
import { promptFiles } from '../repo/prompt-files.js';

/** A filled prompt template: system and user parts. */
export interface FilledPrompt {
  system: string;
  user: string;
}

/**
 * The `draft-plan` prompt for a client's own model: the source, its context and conventions, for
 * the plan at the path it would get.
 */
export function draftPlanPrompt(
  repo: SpecRepo,
  req: { source: DraftSource; slug?: string | undefined; parent?: string | undefined },
): FilledPrompt & { planPath: string; sourceId: string; sourceKind: 'feature' | 'proposal'; format: 'seed' | 'specscore' } {
  const source = resolveSource(repo, req.source);
  if (repo.format?.format === 'specscore') {
    if (source.proposal) throw new UsageError('the current SpecScore format has no proposals as plan sources', 'draft from the feature instead');
    const slug = newPlanSlug(repo, req.slug || defaultSlug(source));
    const context = assembleContext(repo, source, { conventions: readConventionDocs(repo.root) });
    const filled = renderPrompt(promptFiles().load('draft-specscore-plan'), specscorePromptVars(source, `${PLANS_DIR}/${slug}.md`, context));
    return { ...filled, planPath: slug, sourceId: source.id, sourceKind: 'feature', format: 'specscore' };
  }
  const parent = req.parent?.replace(/\/+$/, '') || null;
  const planPath = draftPlanPath(repo, req.slug || defaultSlug(source), parent);
  const context = assembleContext(repo, source, { parent, conventions: readConventionDocs(repo.root) });
  const prompt = renderPrompt(promptFiles().load('draft-plan'), {
    source_kind: source.proposal ? `approved change request "${source.title}" (proposal ${source.id})` : `feature spec "${source.title}" (${source.id})`,
    plan_path: planPath,
    context: context.text,
    omitted: context.omittedNote,
  });
  return { ...prompt, planPath, sourceId: source.id, sourceKind: source.proposal ? 'proposal' : 'feature', format: 'seed' };
}

/** The `review-plan` prompt: the plan with its status, features and lint findings. */
export function reviewPlanPrompt(repo: SpecRepo, entry: PlanEntry): FilledPrompt {
  const findings = lintRepo(repo, { paths: [entry.file] }).diagnostics.filter((d) => d.file === entry.file);
  return renderPrompt(promptFiles().load('review-plan'), {
    plan_path: entry.path,
    status: entry.parsed.plan.header.status ?? '(none)',
    features: planFeatures(entry).join(', ') || 'none',
    findings: findings.length ? findings.map((d) => `- line ${d.line}: ${d.severity} ${d.rule}: ${d.message}`).join('\n') : '(none)',
    plan: entry.text.trim(),
  });
}

/** The `suggest-effort-impact` prompt: the plan and the rule-based estimate with its evidence. */
export function suggestPrompt(repo: SpecRepo, entry: PlanEntry): FilledPrompt {
  const e = estimatePlan(repo, entry);
  return renderPrompt(promptFiles().load('suggest-effort-impact'), {
    plan_path: entry.path,
    plan: entry.text.trim(),
    estimate: estimateText(e),
    features: e.metrics.features.join(', ') || 'none',
  });
}
