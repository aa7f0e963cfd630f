import path from 'node:path';
import { isIsoDate } from '../model/common.js';
import { act, ProblemError, UsageError } from '../model/errors.js';
import { checkSpecPath, hrefToFolder, resolveHref } from '../model/paths.js';
import { PLANS_DIR, planFile } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';
import type { Snapshot } from '../model/plan-format.js';
import { recordApprovalChange } from './approval-record.js';
import { requireLintClean } from '../lint/gate.js';
import { freezeSnapshot } from './freeze.js';
import { textField } from './new-plan.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import { editPlanHeader, type HeaderEdit } from '../edit/plan-header.js';
import { setChildPlanStatus, setProposalPlanLink } from '../edit/references.js';
import { checkTransition, type TransitionAction } from './transitions.js';

/** A status transition to run. */
export interface TransitionRequest {
  plan: string;
  action: TransitionAction;
  /** approve: who approves (required). */
  approver?: string;
  /** approve: approval date YYYY-MM-DD (default: today). */
  date?: string;
  /** supersede: the successor plan (must exist). */
  by?: string;
  /** approve in the current SpecScore format: the Comment of the approved snapshot. */
  comment?: string;
}

/** What a transition did. */
export interface TransitionResult {
  plan: string;
  file: string;
  from: string;
  to: string;
  approver?: string;
  approved?: string;
  supersededBy?: string;
  /** approve in the current SpecScore format: the snapshot row recorded. */
  snapshot?: Omit<Snapshot, 'line'>;
  notes: string[];
}

function findPlan(ctx: OperationContext, value: string, what: string) {
  const planPath = checkSpecPath('plan', value);
  const entry = ctx.repo.plans.get(planPath);
  if (!entry) throw new UsageError(`${what} ${planPath} does not exist`, ['expected ', planFile(planPath), '; list the plans with ', act({ do: 'status' })]);
  return entry;
}

/**
 * The changes of one status transition: the plan's header lines (Status; Approver and Approved on
 * approval; Superseded by on supersession), the roadmap's Child Plans row, the approval record,
 * and on supersession the proposal forward reference moved to the successor when the successor
 * comes from the same proposal. Rejected transitions throw before anything is computed.
 */
export function planTransition(ctx: OperationContext, req: TransitionRequest): PlannedOperation<TransitionResult> {
  const entry = findPlan(ctx, req.plan, 'plan');
  const from = entry.parsed.plan.header.status;
  if (from === null) {
    throw new ProblemError(
      `cannot ${req.action} plan ${entry.path}: ${entry.file}:${entry.parsed.positions.get('title')?.line ?? 1} has no **Status:** field`,
      'expected "**Status:** draft" (or in_review, approved, superseded) in the header right after the "# Plan:" title',
    );
  }
  const to = checkTransition(entry.path, from, req.action);
  const edit: HeaderEdit = { status: to };
  const result: TransitionResult = { plan: entry.path, file: entry.file, from: from!, to, notes: [] };
  const changes: FileChange[] = [];
  if (req.action === 'approve') {
    // A roadmap is approved with its children reviewed: none may still be a draft.
    const drafts = entry.children.filter((c) => ctx.repo.plans.get(c)?.parsed.plan.header.status === 'draft');
    if (drafts.length)
      throw new ProblemError(
        `roadmap ${entry.path} cannot be approved while child plan${drafts.length > 1 ? 's' : ''} ${drafts.join(', ')} ${drafts.length > 1 ? 'are' : 'is'} still draft`,
        ['submit each child for review first, e.g. ', act({ do: 'transition', transition: 'submit', plan: drafts[0]! })],
      );
    if (req.approver === undefined)
      throw new UsageError(`approving plan ${entry.path} needs its approver: the seed format records who approved a plan`, [
        'name them with ',
        act({ do: 'option', name: 'approver', value: '@name' }),
      ]);
    edit.approver = textField('approver', req.approver);
    const date = (req.date ?? ctx.today).trim();
    if (!isIsoDate(date))
      throw new UsageError(`the approval date "${req.date}" is not a date`, [
        'use YYYY-MM-DD, e.g. 2026-03-15, or leave out ',
        act({ do: 'option', name: 'date' }),
        ' for today',
      ]);
    edit.approved = date;
    result.approver = edit.approver;
    result.approved = date;
  }
  let successor: ReturnType<typeof findPlan> | null = null;
  if (req.action === 'supersede') {
    if (!req.by)
      throw new UsageError(`superseding plan ${entry.path} needs the plan that replaces it`, [
        'name it: ',
        act({ do: 'transition', transition: 'supersede', plan: entry.path }),
      ]);
    successor = findPlan(ctx, req.by, 'successor plan');
    if (successor.path === entry.path) throw new ProblemError(`plan ${entry.path} cannot supersede itself`, 'name the new plan that replaces it');
    if (successor.parsed.plan.header.status === 'superseded') {
      throw new ProblemError(`successor plan ${successor.path} is itself superseded`, 'name the current plan that replaces it');
    }
    // A single-file successor (the current SpecScore format) is linked to its file, a folder plan to its folder.
    const href = successor.file.endsWith('/README.md')
      ? hrefToFolder(entry.file, `${PLANS_DIR}/${successor.path}`)
      : path.posix.relative(path.posix.dirname(entry.file), successor.file);
    edit.supersededBy = { text: successor.path, href };
    result.supersededBy = successor.path;
  }
  const text = editPlanHeader(entry.text, edit);
  changes.push({ file: entry.file, content: text, before: entry.text });
  if (req.action === 'approve') {
    changes.push(recordApprovalChange(ctx.approvals(), entry.path, { approver: edit.approver!, approved: edit.approved!, snapshot: freezeSnapshot(text) }));
  }

  if (entry.parent) {
    const parent = ctx.repo.plans.get(entry.parent);
    const pStatus = parent?.parsed.plan.header.status ?? '';
    if (parent && pStatus !== 'approved' && pStatus !== 'superseded') {
      const slug = entry.path.slice(entry.parent.length + 1);
      const updated = setChildPlanStatus(parent.text, slug, to);
      if (updated !== parent.text) changes.push({ file: parent.file, content: updated, before: parent.text });
    } else if (parent) {
      result.notes.push(`roadmap ${parent.path} is ${pStatus}: its Child Plans table is frozen and keeps the status it had at approval`);
    }
  }

  if (successor) {
    const target = `${PLANS_DIR}/${entry.path}`;
    for (const pr of ctx.repo.proposals.values()) {
      const link = pr.parsed.proposal.plan;
      if (!link || resolveHref(pr.file, link.href) !== target) continue;
      const fromSameProposal = successor.parsed.sourceLinks.some(
        (l) => resolveHref(successor.file, l.href)?.replace(/\/README\.md$/i, '') === pr.file.replace(/\/README\.md$/, ''),
      );
      if (!fromSameProposal) {
        result.notes.push(`proposal ${pr.id} still links to ${entry.path}: ${successor.path} does not name it as its Source`);
        continue;
      }
      const newLink = { text: successor.path.slice(successor.path.lastIndexOf('/') + 1), href: hrefToFolder(pr.file, `${PLANS_DIR}/${successor.path}`) };
      changes.push({ file: pr.file, content: setProposalPlanLink(pr.text, pr.file, newLink), before: pr.text });
    }
  }
  const gate = req.action === 'submit' || req.action === 'approve';
  return {
    changes,
    result,
    check: gate ? (next) => requireLintClean(next, entry.file, `${req.action} plan ${entry.path}`) : undefined,
    // Superseded today: the index dates the plan's closing by this operation, not by its successor.
    ...(req.action === 'supersede' ? { closedOn: new Map([[entry.path, ctx.today]]) } : {}),
  };
}
