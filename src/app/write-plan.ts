import { DEFAULT_DRAFT_AUTHOR } from '../drafting/draft-plan.js';
import { draftHeader, resolveSource } from '../drafting/source.js';
import { planCreation } from '../lifecycle/create-plan.js';
import { keepUnchangedParts } from '../lifecycle/keep-unchanged.js';
import { acceptDocument, acceptDraft, acceptMarkdown, type Accepted } from '../lint/acceptance.js';
import { formatDiagnostic } from '../lint/problem-wording.js';
import { requireLintClean } from '../lint/gate.js';
import type { Diagnostic } from '../model/common.js';
import { PlanDraftSchema, type DraftHeader } from '../model/draft.js';
import { act, ProblemError, UsageError } from '../model/errors.js';
import { checkSpecPath, resolveHref } from '../model/paths.js';
import { planFile, type SpecRepo } from '../model/repository.js';
import { planIssues } from '../model/schema-issues.js';
import { parsePlan } from '../parse/plan.js';
import { renderPlan } from '../render/plan.js';
import { findOverlaps, overlapError } from '../drafting/overlap.js';
import { featurePathOfLink } from '../model/links.js';
import { planStatesOf } from './plan-state.js';
import { runOperation, type OperationContext, type PlannedOperation } from './unit-of-work.js';
import { writeSpecscorePlan } from './write-specscore-plan.js';

/** A plan written by a client's model: the whole markdown, a read_plan document, or a plan_draft. */
export interface WritePlanRequest {
  root: string;
  plan: string;
  content: { markdown: string } | { document: Record<string, unknown> };
  /** Source of a new plan given as plan_draft: a feature path or a proposal `feature/slug`. */
  feature?: string | undefined;
  proposal?: string | undefined;
  author?: string | undefined;
  today: string;
  dryRun?: boolean | undefined;
  /** Write a new plan even when its steps repeat an open plan's of the same feature. */
  allowOverlap?: boolean | undefined;
}

/** What was (or would be) written. */
export interface WritePlanOutcome {
  plan: string;
  created: boolean;
  /** Files written, or with a dry run every file that would change. */
  files: string[];
  written: string[];
  /** Lint warnings of the plan, `file:line:col rule message`. */
  warnings: string[];
}

/** Header of an existing plan, reused when a plan_draft replaces its body. */
function headerOf(repo: SpecRepo, planPath: string): DraftHeader | null {
  const h = repo.plans.get(planPath)?.parsed.plan.header;
  if (!h) return null;
  return {
    features: h.features,
    sourceType: h.sourceType === 'change-request' ? 'change-request' : 'feature',
    source: h.source ?? '',
    author: h.author ?? DEFAULT_DRAFT_AUTHOR,
    created: h.created ?? '',
  };
}

function refused(accepted: Accepted, what: string): ProblemError {
  return new ProblemError(
    `${what} has ${accepted.problems.length} problem${accepted.problems.length === 1 ? '' : 's'}; nothing was written`,
    `fix these and write it again:\n${accepted.problems.join('\n')}`,
  );
}

/** The markdown to write, from markdown, a whole plan document or a plan_draft, accepted. */
function documentText(op: OperationContext, planPath: string, req: WritePlanRequest): { accepted: Accepted; text: string; proposal: string | null } {
  const { repo, today } = op;
  if ('markdown' in req.content) {
    const raw = req.content.markdown.replace(/\r\n?/g, '\n');
    const text = raw.endsWith('\n') ? raw : `${raw}\n`;
    return { accepted: acceptMarkdown(repo, planPath, text), text, proposal: null };
  }
  const doc = req.content.document;
  if ('header' in doc) {
    const accepted = acceptDocument(repo, planPath, doc);
    if (!accepted.markdown) throw refused(accepted, 'the document (the shape read_plan returns, checked against the plan schema)');
    return { accepted, text: asWritten(repo, planPath, accepted.markdown), proposal: null };
  }
  const draft = PlanDraftSchema.safeParse(doc);
  if (!draft.success)
    throw new UsageError(
      'the document is not a valid plan_draft',
      `fix these (see the JSON Schema in the draft_plan prompt):\n${planIssues(draft.error.issues, doc).slice(0, 10).join('\n')}`,
    );
  let header = headerOf(repo, planPath);
  let proposal: string | null = null;
  if (!header) {
    if ((req.feature === undefined) === (req.proposal === undefined))
      throw new UsageError(
        'a new plan given as plan_draft needs its source',
        'give the feature (path below spec/features/) or the proposal (feature/proposal-slug), not both',
      );
    const source = resolveSource(repo, req.feature !== undefined ? { kind: 'feature', feature: req.feature } : { kind: 'proposal', proposal: req.proposal! });
    proposal = source.proposal?.id ?? null;
    header = draftHeader(planPath, source, (req.author ?? DEFAULT_DRAFT_AUTHOR).trim() || DEFAULT_DRAFT_AUTHOR, today);
  }
  const accepted = acceptDraft(repo, planPath, draft.data, header);
  if (!accepted.plan || !accepted.markdown) throw refused(accepted, 'the plan_draft');
  // A new plan drafted by the client's model is held to the draft command's overlap rule.
  if (!repo.plans.has(planPath) && !req.allowOverlap) {
    const overlaps = findOverlaps(repo, planStatesOf(repo, op.items), {
      path: planPath,
      plan: accepted.plan,
      features: header.features.map((l) => featurePathOfLink(planFile(planPath), l.href) ?? l.text.trim()),
    });
    if (overlaps.length) throw overlapError(overlaps);
  }
  // A plan_draft replacing an in_review plan keeps that status (drafts are written as draft).
  const current = repo.plans.get(planPath)?.parsed.plan.header.status;
  const text =
    current && current !== accepted.plan.header.status
      ? renderPlan({ ...accepted.plan, header: { ...accepted.plan.header, status: current } })
      : accepted.markdown;
  return { accepted, text: asWritten(repo, planPath, text), proposal };
}

/**
 * A rendered replacement of an existing plan with the plan's own text kept wherever its content
 * is unchanged (the same plan either way; the rendering alone when keeping would change it).
 */
function asWritten(repo: SpecRepo, planPath: string, rendered: string): string {
  const existing = repo.plans.get(planPath);
  if (!existing) return rendered;
  const merged = keepUnchangedParts(existing.text, renderPlan(existing.parsed.plan), rendered);
  return renderPlan(parsePlan(merged).plan) === renderPlan(parsePlan(rendered).plan) ? merged : rendered;
}

/** The proposal (`feature/slug`) a change-request plan's Source links to, if any. */
function sourceProposal(repo: SpecRepo, file: string, text: string): string | null {
  const parsed = parsePlan(text);
  if (parsed.plan.header.sourceType !== 'change-request') return null;
  for (const link of parsed.sourceLinks) {
    const target = resolveHref(file, link.href)?.replace(/\/README\.md$/i, '');
    const hit = [...repo.proposals.values()].find((p) => p.file.replace(/\/README\.md$/, '') === target);
    if (hit) return hit.id;
  }
  return null;
}

interface Written {
  plan: string;
  created: boolean;
  warnings: Diagnostic[];
}

/** Create the plan (with roadmap row and proposal link) or replace a draft/in_review one. */
function writeOperation(op: OperationContext, planPath: string, req: WritePlanRequest): PlannedOperation<Written> {
  const { repo } = op;
  if (repo.format?.format === 'specscore') return writeSpecscorePlan(op, planPath, req);
  const existing = repo.plans.get(planPath);
  const current = existing?.parsed.plan.header.status ?? null;
  if (current === 'approved' || current === 'superseded') {
    throw new ProblemError(
      `plan ${planPath} is ${current}, and ${current} plans are never modified`,
      current === 'approved'
        ? ['write the new approach as a new plan, then ', act({ do: 'transition', transition: 'supersede', plan: planPath })]
        : 'work on its successor instead',
    );
  }
  const { accepted, text, proposal } = documentText(op, planPath, req);
  const status = parsePlan(text).plan.header.status;
  const expected = current ?? 'draft';
  if (status !== expected) {
    throw new ProblemError(`the document's **Status:** is ${status ?? '(missing)'}, but plan ${planPath} ${existing ? 'is' : 'must start as'} ${expected}`, [
      `write **Status:** ${expected}; change the status only with a transition, such as `,
      act({ do: 'transition', transition: expected === 'in_review' ? 'approve' : 'submit', plan: planPath }),
    ]);
  }
  if (accepted.problems.length) throw refused(accepted, `the plan (${accepted.problems.length === 1 ? 'a lint error' : 'lint errors'})`);
  const warnings = accepted.warnings;
  if (!existing) {
    const created = planCreation(op, { plan: planPath, document: text, proposal: proposal ?? sourceProposal(repo, planFile(planPath), text) });
    return { ...created, result: { plan: created.result.plan, created: true, warnings } };
  }
  return {
    changes: [{ file: existing.file, content: text, before: existing.text }],
    result: { plan: planPath, created: false, warnings },
    check: (next) => requireLintClean(next, existing.file, `write plan ${planPath}`),
  };
}

/**
 * Write a plan from a client's model: accept it like a hand-written plan (schema, structure,
 * step graph, render → parse back, lint) and write it with the index and back-references as one
 * journaled operation. Approved and superseded plans are never touched (in a repository of the
 * current SpecScore format, plans stay editable and keep their status: `writeSpecscorePlan`).
 */
export async function writePlan(req: WritePlanRequest): Promise<WritePlanOutcome> {
  const planPath = checkSpecPath('plan', req.plan);
  const outcome = await runOperation(req.root, (op) => writeOperation(op, planPath, req), { today: req.today, dryRun: req.dryRun === true });
  const r = outcome.result;
  return {
    plan: r.plan,
    created: r.created,
    files: req.dryRun ? outcome.changes.map((c) => c.file) : outcome.written,
    written: outcome.written,
    warnings: r.warnings.map(formatDiagnostic),
  };
}
