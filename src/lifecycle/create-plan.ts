import type { Plan } from '../model/plan.js';
import { parsePlan } from '../parse/plan.js';
import { renderPlan } from '../render/plan.js';
import { act, ProblemError, UsageError } from '../model/errors.js';
import { hrefToFolder, isSafeSlug, refuseBuiltinKey, resolveHref } from '../model/paths.js';
import { PLANS_DIR, planFile } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';
import { requireLintClean } from '../lint/gate.js';
import { RESERVED_PLAN_FOLDERS } from '../model/plan-files.js';
import type { OperationContext, PlannedOperation } from '../model/operation.js';
import { addChildPlanRow, hasChildPlanRow, hasOnlyPlaceholderSteps, makeRoadmap, setChildPlanStatus, setProposalPlanLink } from '../edit/references.js';

/** A plan to create with everything that refers to it. */
export interface CreatePlanRequest {
  /** Plan path below spec/plans/: `slug`, or `roadmap/slug` for a child plan. */
  plan: string;
  /** The document: a model (rendered canonically) or a whole markdown document. Status must be draft. */
  document: Plan | string;
  /** Source proposal `feature/slug`: it gets the forward reference `| Plan | [slug](…) |`. */
  proposal?: string | null;
  /** Refuse when the new plan has lint errors (default true). */
  validate?: boolean;
}

/** What was created. */
export interface CreatedPlan {
  plan: string;
  file: string;
  parent: string | null;
  /** Notes for the user (e.g. a proposal already linked to another plan). */
  notes: string[];
}

// Check a new plan path: path-safe segments, at most two levels, not a reserved folder name.
// Returns the normalized path. Throws UsageError (exit 2).
function checkNewPlanPath(value: string): string {
  const v = value.trim().replace(/\/+$/, '');
  const segments = v.split('/');
  if (segments.length > 2) {
    throw new UsageError(
      `plan path "${value}" nests ${segments.length} levels deep`,
      'plans nest two levels at most: a roadmap and its child plans (roadmap/child)',
    );
  }
  segments.forEach(refuseBuiltinKey);
  if (!segments.every(isSafeSlug)) {
    throw new UsageError(
      `"${value}" is not a path-safe plan slug`,
      'use lower-case letters, digits and hyphens, starting with a letter or digit (e.g. add-batch-mode)',
    );
  }
  if (segments.length === 2 && RESERVED_PLAN_FOLDERS.has(segments[1]!)) {
    throw new UsageError(
      `"${segments[1]}" cannot name a child plan`,
      'acs/ and reports/ inside a plan folder hold acceptance criteria and reports; choose another slug',
    );
  }
  return v;
}

/**
 * The changes that create a plan: its README, the parent roadmap's Child Plans row (a fresh
 * parent whose Steps are still the scaffold becomes a roadmap), and the proposal's forward
 * reference. The index and feature back-references follow from the unit of work.
 */
export function planCreation(ctx: OperationContext, req: CreatePlanRequest): PlannedOperation<CreatedPlan> {
  const { repo } = ctx;
  const planPath = checkNewPlanPath(req.plan);
  const file = planFile(planPath);
  if (repo.plans.has(planPath) || repo.exists?.(`${PLANS_DIR}/${planPath}`)) {
    throw new ProblemError(`plan ${planPath} already exists (${PLANS_DIR}/${planPath}/)`, 'choose another slug, or supersede the existing plan with a new one');
  }
  const text = typeof req.document === 'string' ? req.document : renderPlan(req.document);
  const status = parsePlan(text).plan.header.status;
  if (status !== 'draft')
    throw new ProblemError(`a new plan must start as draft, not ${status ?? '(no status)'}`, 'set **Status:** draft; submit and approve it afterwards');
  const changes: FileChange[] = [{ file, content: text, before: null }];
  const notes: string[] = [];

  const parent = planPath.includes('/') ? planPath.slice(0, planPath.indexOf('/')) : null;
  if (parent) {
    const p = repo.plans.get(parent);
    if (!p) throw new UsageError(`parent plan ${parent} does not exist`, ['create the roadmap first: ', act({ do: 'new', plan: parent })]);
    if (p.parent)
      throw new ProblemError(
        `plan ${parent} is itself a child plan, so ${planPath} would nest three levels deep`,
        'plans nest two levels at most: a roadmap and its child plans',
      );
    const pStatus = p.parsed.plan.header.status ?? '';
    if (pStatus === 'approved' || pStatus === 'superseded') {
      throw new ProblemError(
        `roadmap ${parent} is ${pStatus}, so its Child Plans table is frozen and cannot list ${planPath}`,
        pStatus === 'approved'
          ? ['create a new roadmap and run ', act({ do: 'transition', transition: 'supersede', plan: parent })]
          : 'add the child plan to the successor roadmap',
      );
    }
    const slug = planPath.slice(parent.length + 1);
    let roadmap: string | null;
    if (hasChildPlanRow(p.text, slug)) roadmap = setChildPlanStatus(p.text, slug, 'draft');
    else roadmap = addChildPlanRow(p.text, { slug, status: 'draft' });
    if (roadmap === null) {
      if (!hasOnlyPlaceholderSteps(p.parsed.plan)) {
        throw new ProblemError(
          `plan ${parent} has steps, so it cannot become a roadmap for ${planPath}`,
          'a roadmap lists child plans instead of steps: move its steps into a child plan first, or add a "## Child Plans" table to it',
        );
      }
      roadmap = makeRoadmap(p.text, { slug, status: 'draft' });
      notes.push(`${parent} is now a roadmap: its placeholder Steps section became a Child Plans table`);
    }
    changes.push({ file: p.file, content: roadmap, before: p.text });
  }

  if (req.proposal) {
    const pr = repo.proposals.get(req.proposal);
    if (!pr)
      throw new UsageError(`proposal ${req.proposal} does not exist`, 'name it as feature/proposal-slug, the folder under spec/features/<feature>/proposals/');
    const linked = pr.parsed.proposal.plan ? resolveHref(pr.file, pr.parsed.proposal.plan.href) : null;
    const linkedPlan = linked?.startsWith(`${PLANS_DIR}/`) ? repo.plans.get(linked.slice(PLANS_DIR.length + 1)) : undefined;
    if (linkedPlan && linkedPlan.parsed.plan.header.status !== 'superseded') {
      notes.push(`proposal ${req.proposal} still links to plan ${linkedPlan.path}; superseding ${linkedPlan.path} by ${planPath} moves the link`);
    } else {
      const link = { text: planPath.slice(planPath.lastIndexOf('/') + 1), href: hrefToFolder(pr.file, `${PLANS_DIR}/${planPath}`) };
      changes.push({ file: pr.file, content: setProposalPlanLink(pr.text, pr.file, link), before: pr.text });
    }
    if (pr.parsed.proposal.status !== 'approved') notes.push(`proposal ${req.proposal} is ${pr.parsed.proposal.status ?? 'without status'}, not approved`);
  }

  return {
    changes,
    result: { plan: planPath, file, parent, notes },
    check: req.validate === false ? undefined : (next) => requireLintClean(next, file, `create plan ${planPath}`),
  };
}
