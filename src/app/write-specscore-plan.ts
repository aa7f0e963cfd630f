import { addFeatureBackReference } from '../edit/specscore-feature-plans.js';
import { specscoreIndexChanges } from '../edit/specscore-index.js';
import { acceptSpecscoreDocument, acceptSpecscoreDraft, acceptSpecscoreMarkdown } from '../lint/specscore-acceptance.js';
import type { Accepted } from '../lint/acceptance.js';
import type { Diagnostic } from '../model/common.js';
import { act, ProblemError, UsageError } from '../model/errors.js';
import type { FileChange } from '../model/file-change.js';
import { checkSpecPath } from '../model/paths.js';
import { statusValue } from '../model/plan-format.js';
import { PLANS_DIR, type PlanEntry, type SpecRepo } from '../model/repository.js';
import { schemaIssues } from '../model/schema-issues.js';
import { SpecscorePlanDraftSchema, type SpecscoreDraftHeader } from '../model/specscore-draft.js';
import { parseSpecscorePlan } from '../parse/specscore-plan.js';
import { writtenStatus } from '../render/specscore-plan.js';
import type { OperationContext, PlannedOperation } from './unit-of-work.js';

/** What write_plan sends in a repository of the current format. */
export interface SpecscoreWriteRequest {
  content: { markdown: string } | { document: Record<string, unknown> };
  feature?: string | undefined;
  proposal?: string | undefined;
  author?: string | undefined;
}

interface Written {
  plan: string;
  created: boolean;
  warnings: Diagnostic[];
}

function refused(accepted: Accepted, what: string): ProblemError {
  return new ProblemError(
    `${what} has ${accepted.problems.length} problem${accepted.problems.length === 1 ? '' : 's'}; nothing was written`,
    `fix these and write it again:\n${accepted.problems.join('\n')}`,
  );
}

/** The header a new drafted plan gets: its source feature (or none), the author, today. */
function newDraftHeader(repo: SpecRepo, file: string, req: SpecscoreWriteRequest, today: string): SpecscoreDraftHeader {
  if (req.proposal !== undefined) throw new UsageError('the current SpecScore format has no proposals as plan sources', 'give the source feature instead');
  const owner = (req.author ?? '').trim() || '@specplan';
  if (req.feature === undefined) return { file, source: { kind: 'none' }, owner, date: today };
  const feature = checkSpecPath('feature', req.feature);
  if (!repo.features.has(feature)) throw new UsageError(`feature "${feature}" does not exist`, `expected spec/features/${feature}/README.md`);
  return { file, source: { kind: 'feature', feature }, owner, date: today };
}

/** The header of an existing plan, for a drafted replacement of its body. */
function existingHeader(e: PlanEntry, today: string): SpecscoreDraftHeader {
  const facts = e.parsed.specscore;
  const idea = /^idea:\s*(\S+)$/.exec(facts?.sourceRef ?? '');
  const source: SpecscoreDraftHeader['source'] = facts?.sourceFeature
    ? { kind: 'feature', feature: facts.sourceFeature }
    : idea
      ? { kind: 'idea', idea: idea[1]! }
      : { kind: 'none' };
  const h = e.parsed.plan.header;
  return { file: e.file, source, owner: h.author ?? '@specplan', date: h.created ?? today, ...(h.status ? { status: h.status } : {}) };
}

/** The accepted markdown of the request. */
function acceptedText(repo: SpecRepo, planPath: string, file: string, req: SpecscoreWriteRequest, today: string): Accepted {
  if ('markdown' in req.content) {
    const raw = req.content.markdown.replace(/\r\n?/g, '\n');
    return acceptSpecscoreMarkdown(repo, planPath, file, raw.endsWith('\n') ? raw : `${raw}\n`);
  }
  const doc = req.content.document;
  if ('header' in doc) return acceptSpecscoreDocument(repo, planPath, file, doc);
  const draft = SpecscorePlanDraftSchema.safeParse(doc);
  if (!draft.success)
    throw new UsageError(
      'the document is not a valid plan draft of the current SpecScore format',
      `fix these (title, summary, approach, tasks with verifies and dependsOn, openQuestions, effort, impact):\n${schemaIssues(draft.error.issues, doc, 'document').slice(0, 10).join('\n')}`,
    );
  const existing = repo.plans.get(planPath);
  const header = existing ? existingHeader(existing, today) : newDraftHeader(repo, file, req, today);
  return acceptSpecscoreDraft(repo, planPath, draft.data, header);
}

/** Refuse a document whose Status field or front matter `status:` is not the plan's status. */
function checkStatus(planPath: string, exists: boolean, current: string, text: string, file: string): void {
  const parsed = parseSpecscorePlan(text, file);
  const fm = parsed.specscore?.frontMatter?.fields.status?.value;
  const declared = [...new Set([parsed.plan.header.status ?? '(none)', ...(fm !== undefined ? [statusValue(fm)] : [])])];
  if (declared.length === 1 && declared[0] === current) return;
  const want = writtenStatus(current);
  throw new ProblemError(
    `the document's status is ${declared.map((s) => writtenStatus(s)).join(' / ')}, but plan ${planPath} ${exists ? 'is' : 'must start as'} ${want}; nothing was written`,
    [
      `write **Status:** ${want} and status: ${want} in the front matter; the status changes only through a transition, such as `,
      act({ do: 'transition', transition: current === 'in_review' ? 'approve' : 'submit', plan: planPath }),
    ],
  );
}

/**
 * write_plan in a repository of the current SpecScore format: a new single-file plan
 * `spec/plans/<slug>.md` (status Draft) with its index row and its source feature's Plans row,
 * or the replacement of an existing plan of any status (plans stay editable in this format)
 * that keeps its status: the Status field and the front matter `status:` change only through
 * the transitions. Accepted like a hand-written plan of the format before anything is written.
 */
export function writeSpecscorePlan(op: OperationContext, planPath: string, req: SpecscoreWriteRequest): PlannedOperation<Written> & { format: 'specscore' } {
  const { repo } = op;
  const existing = repo.plans.get(planPath);
  if (existing && !existing.parsed.specscore)
    throw new ProblemError(
      `plan ${planPath} is in the seed format while the repository uses the current SpecScore format; this tool does not write it in either`,
      'convert it by hand to the current format (or set planning.format in specscore.yaml), then write it again',
    );
  if (!existing && planPath.includes('/'))
    throw new UsageError(
      `"${planPath}" nests a new plan in a folder; a new plan of the current SpecScore format is a single file spec/plans/<slug>.md`,
      'give a plain slug; a sub-plan names its master with **Parent:** in its header',
    );
  const file = existing?.file ?? `${PLANS_DIR}/${planPath}.md`;
  if (!existing && (repo.exists?.(file) || repo.exists?.(`${PLANS_DIR}/${planPath}`)))
    throw new ProblemError(`${file} (or a folder ${PLANS_DIR}/${planPath}/) already exists but is not a plan this tool reads`, 'choose another slug');
  const current = existing?.parsed.plan.header.status ?? 'draft';
  // A document the caller wrote says its status: checked before anything else.
  if ('markdown' in req.content) checkStatus(planPath, !!existing, current, req.content.markdown, file);
  const accepted = acceptedText(repo, planPath, file, req, op.today);
  if (!accepted.markdown) throw refused(accepted, 'the plan');
  const text = accepted.markdown;
  checkStatus(planPath, !!existing, current, text, file);
  const entry: PlanEntry = {
    ...(existing ?? { path: planPath, file, parent: null, children: [], extraFiles: [], acs: [], reports: [] }),
    text,
    parsed: parseSpecscorePlan(text, file),
  };
  const changes: FileChange[] = [{ file, content: text, before: existing?.text ?? null }];
  if (!existing) {
    const plans = new Map(repo.plans);
    plans.set(planPath, entry);
    changes.push(...specscoreIndexChanges({ ...repo, plans }));
    const feature = entry.parsed.specscore?.sourceFeature;
    const back = feature ? addFeatureBackReference(repo, feature, entry) : null;
    if (back) changes.push(back);
  }
  return {
    changes: existing && existing.text === text ? [] : changes,
    result: { plan: planPath, created: !existing, warnings: accepted.warnings },
    sync: false,
    format: 'specscore',
  };
}
