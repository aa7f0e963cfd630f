import type { WorkItem } from '../model/execution.js';
import type { PlanState, PlanStates } from '../model/plan-state.js';
import { planText, tableCell } from '../markdown/escape.js';
import { planStates } from '../analysis/plan-state.js';
import { childPathOfRow } from '../analysis/plan-graph.js';
import { renderFeaturePlans, type FeaturePlansRow } from './feature-plans.js';
import { normalizeCell, renderPlansIndex, type ClosedTableRow, type IndexTableRow, type PlansIndexModel } from './plans-index.js';
import { folderHref, planPathOfLink } from '../model/links.js';
import { FEATURES_DIR, PLANS_DIR, PLANS_INDEX, type SpecRepo } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';

const DASH = '—';

/**
 * Plan paths in index order: roadmaps and standalone plans keep the order of the existing index,
 * new ones follow by path; each roadmap's children come right below it (existing order, then the
 * Child Plans table order, then path).
 */
export function indexOrder(repo: SpecRepo): string[] {
  const pos = new Map<string, number>();
  repo.index?.parsed.rows.forEach((r, i) => {
    const p = planPathOfLink(PLANS_INDEX, r.plan.href);
    if (p !== null && !pos.has(p)) pos.set(p, i);
  });
  // Each path's place is looked up once, then the paths are sorted by it.
  const sorted = (paths: string[], tableOrder?: Map<string, number>): string[] =>
    paths
      .map((path) => ({ path, pos: pos.get(path) ?? Infinity, table: tableOrder?.get(path) ?? Infinity }))
      .sort((a, b) => a.pos - b.pos || a.table - b.table || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((k) => k.path);
  const top: string[] = [];
  for (const p of repo.plans.values()) if (p.parent === null || !repo.plans.has(p.parent)) top.push(p.path);
  const out: string[] = [];
  for (const path of sorted(top)) {
    out.push(path);
    const entry = repo.plans.get(path)!;
    const children = entry.children.filter((c) => repo.plans.has(c));
    if (children.length === 0) continue;
    const tableOrder = new Map<string, number>();
    entry.parsed.plan.childPlans?.forEach((r, i) => {
      const child = childPathOfRow(path, r);
      if (child !== null && !tableOrder.has(child)) tableOrder.set(child, i);
    });
    for (const c of sorted(children, tableOrder)) out.push(c);
  }
  return out;
}

/** The Progress cell: `N/M steps`, a roadmap's `N/M plans` (active children completed), `—` before any work item. */
function progressCell(s: PlanState): string {
  if (!s.tracked) return DASH;
  if (s.childPlans) return `${s.childPlans.completed}/${s.childPlans.total} plans`;
  return s.progress.total ? `${s.progress.done}/${s.progress.total} steps` : DASH;
}

/**
 * The plans index as the plan states show it: one row per plan in `indexOrder` (status as
 * shown, features, effort and impact as written, author, approval date) and, when the states
 * know the execution items, the Progress cells and the Recently Closed rows (superseded or
 * completed plans, newest first, at most `planning.recently_closed`); without them Progress is
 * kept as written and Recently Closed left alone. A plan whose header cannot be read (no Status)
 * keeps the cells of its existing row, since there is nothing to derive them from. Pure.
 */
export function indexModel(
  repo: SpecRepo,
  states: PlanStates,
  order: readonly string[] = indexOrder(repo),
  closedOn?: ReadonlyMap<string, string>,
): PlansIndexModel {
  const existing = new Map<string, NonNullable<SpecRepo['index']>['parsed']['rows'][number]>();
  for (const r of repo.index?.parsed.rows ?? []) {
    const p = planPathOfLink(PLANS_INDEX, r.plan.href);
    if (p !== null && !existing.has(p)) existing.set(p, r);
  }
  const rows: IndexTableRow[] = [];
  for (const path of order) {
    const e = repo.plans.get(path)!;
    const s = states.plans.get(path)!;
    const old = existing.get(path);
    const depth = e.parent !== null && repo.plans.has(e.parent) ? 1 : 0;
    const text = path.slice(path.lastIndexOf('/') + 1);
    const progress = states.execution ? progressCell(s) : old?.progress != null ? cell(old.progress) : DASH;
    if (s.declaredStatus === null && old) {
      rows.push({
        path,
        depth,
        text,
        status: cell(old.status),
        progress,
        features: cell(old.features),
        effort: cell(old.effort),
        impact: cell(old.impact),
        author: cell(old.author),
        approved: cell(old.approved),
      });
      continue;
    }
    rows.push({
      path,
      depth,
      text,
      status: cell(s.status),
      progress,
      features: s.features.length ? cell(s.features.map(tableCell).join(', ')) : DASH,
      effort: cell(s.effort),
      impact: cell(s.impact),
      author: cell(e.parsed.plan.header.author),
      approved: cell(s.approved),
    });
  }
  return { rows, closed: states.execution ? closedRows(repo, states, closedOn) : null };
}

/**
 * A value as a table cell: normalized (white space, surrounding backticks, dash spellings) and
 * escaped as literal text, so that what `index` writes is exactly what lint and `index --check`
 * read back. Idempotent.
 */
function cell(value: string | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  let hit = cells.get(value);
  if (hit === undefined) {
    if (cells.size >= 50_000) cells.clear();
    cells.set(value, (hit = normalizeCell(tableCell(normalizeCell(value)))));
  }
  return hit;
}

/** Memo of `cell`: statuses, authors and dates repeat across plans, and every lint run asks again. */
const cells = new Map<string, string>();

/**
 * Recently Closed rows. A superseded plan is dated the day it was superseded: the date of the
 * operation superseding it, else the date its row already has; a plan superseded before the
 * index recorded it falls back to its successor's Created date.
 */
function closedRows(repo: SpecRepo, states: PlanStates, closedOn: ReadonlyMap<string, string> = new Map()): ClosedTableRow[] {
  const recorded = new Map<string, string>();
  for (const r of repo.index?.parsed.recentlyClosed ?? []) {
    const p = planPathOfLink(PLANS_INDEX, r.plan.href);
    if (p !== null && normalizeCell(r.status) === 'superseded' && /^\d{4}-\d{2}-\d{2}$/.test(normalizeCell(r.completed)))
      recorded.set(p, normalizeCell(r.completed));
  }
  const closed: ClosedTableRow[] = [];
  for (const s of states.plans.values()) {
    const text = s.plan.slice(s.plan.lastIndexOf('/') + 1);
    if (s.status === 'superseded') {
      const by = repo.plans.get(s.plan)!.parsed.plan.header.supersededBy;
      const successor = by ? planPathOfLink(s.file, by.href) : null;
      const date = closedOn.get(s.plan) ?? recorded.get(s.plan) ?? ((successor && repo.plans.get(successor)?.parsed.plan.header.created) || s.completedOn);
      closed.push({ path: s.plan, text, status: 'superseded', completed: cell(date) });
    } else if (s.completed) {
      closed.push({ path: s.plan, text, status: 'completed', completed: cell(s.completedOn) });
    }
  }
  closed.sort(
    (a, b) =>
      (a.completed === DASH ? 1 : 0) - (b.completed === DASH ? 1 : 0) ||
      (a.completed < b.completed ? 1 : a.completed > b.completed ? -1 : 0) ||
      (a.path < b.path ? -1 : 1),
  );
  return closed.slice(0, repo.config.recently_closed);
}

/** Expected `## Plans` rows of every feature some plan lists, in index order, with each plan's status as shown. Pure. */
export function featurePlanRows(repo: SpecRepo, states: PlanStates, order: readonly string[] = indexOrder(repo)): Map<string, FeaturePlansRow[]> {
  const out = new Map<string, FeaturePlansRow[]>();
  // Per feature path, looked up once per row: its file, the href to the plans folder from it, its rows (null: no such feature).
  const targets = new Map<string, { file: string; prefix: string | null; rows: FeaturePlansRow[] } | null>();
  for (const path of order) {
    const s = states.plans.get(path)!;
    if (s.features.length === 0) continue;
    // The cells are the plan's, the same in every feature that lists it.
    let plan: { text: string; encoded: string; status: string; author: string; approved: string } | undefined;
    for (const f of s.features) {
      let target = targets.get(f);
      if (target === undefined) {
        const feature = repo.features.get(f);
        targets.set(f, (target = feature ? { file: feature.file, prefix: plansFolderHref(feature.file), rows: [] } : null));
      }
      if (!target) continue;
      plan ??= {
        text: path.slice(path.lastIndexOf('/') + 1),
        encoded: planText(path),
        status: cell(s.status),
        author: cell(repo.plans.get(path)!.parsed.plan.header.author),
        approved: cell(s.approved),
      };
      if (target.rows.length === 0) out.set(f, target.rows);
      target.rows.push({
        plan: path,
        text: plan.text,
        href: target.prefix === null ? folderHref(target.file, `${PLANS_DIR}/${plan.encoded}`) : `${target.prefix}${plan.encoded}/`,
        status: plan.status,
        author: plan.author,
        approved: plan.approved,
      });
    }
  }
  return out;
}

/**
 * `folderHref(file, PLANS_DIR)` for a file below spec/features/, else null: there the href to a
 * plan folder is this one followed by the encoded plan path (the file's folders share only
 * `spec` with the plans folder), so it is computed once per feature, not once per row.
 */
export function plansFolderHref(file: string): string | null {
  return file.startsWith(`${FEATURES_DIR}/`) ? folderHref(file, PLANS_DIR) : null;
}

/** Options of `computeIndexChanges`. */
interface SyncOptions {
  /** Execution items (ledger and trailers): roadmap statuses, Progress and Recently Closed follow them. */
  items?: readonly WorkItem[];
  /** Plans this operation closes (superseded), with the date: their Recently Closed date. */
  closedOn?: ReadonlyMap<string, string>;
}

/**
 * The file changes that bring `spec/plans/README.md` and every feature's `## Plans` table in
 * line with the plan states (CONTRACTS.md `specplan index`). Without `items`, Progress is kept as
 * written and Recently Closed left alone. Pure: returns changes, writes nothing; a feature file
 * changes only inside its `## Plans` table. Empty when nothing drifted.
 */
export function computeIndexChanges(repo: SpecRepo, opts: SyncOptions = {}): FileChange[] {
  const states = planStates(repo, opts.items);
  const changes: FileChange[] = [];
  const order = indexOrder(repo);
  if (repo.plans.size > 0 || repo.index) {
    const before = repo.index?.text ?? null;
    const content = renderPlansIndex(before, indexModel(repo, states, order, opts.closedOn));
    if (content !== before) changes.push({ file: PLANS_INDEX, content, before });
  }
  const rows = featurePlanRows(repo, states, order);
  for (const f of [...repo.features.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const want = rows.get(f.path) ?? [];
    if (want.length === 0 && f.parsed.feature.plansSection === null) continue; // nothing to write or clear
    const content = renderFeaturePlans(f.text, want);
    if (content !== f.text) changes.push({ file: f.file, content, before: f.text });
  }
  return changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
