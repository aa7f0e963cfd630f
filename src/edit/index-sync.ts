import type { WorkItem } from '../model/execution.js';
import type { ChildPlanRow } from '../model/plan.js';
import { itemsByPlan, planProgress } from '../analysis/progress.js';
import { planText, tableCell } from '../markdown/escape.js';
import { renderFeaturePlans, type FeaturePlansRow } from './feature-plans.js';
import { normalizeCell, renderPlansIndex, type ClosedTableRow, type IndexTableRow, type PlansIndexModel } from './plans-index.js';
import { featurePathOfLink, folderHref, planPathOfLink } from '../model/links.js';
import { PLANS_DIR, PLANS_INDEX, type PlanEntry, type SpecRepo } from '../model/repository.js';
import type { FileChange } from '../model/file-change.js';

export interface SyncOptions {
  /** Execution items (ledger + trailers) for the Progress column and Recently Closed. */
  items?: readonly WorkItem[];
  /**
   * Status to show for a plan instead of its own `**Status:**` (e.g. a roadmap's status derived
   * from its children, see lifecycle). Return null/undefined to keep the plan's own status.
   */
  derivedStatus?: (planPath: string) => string | null | undefined;
}

const DASH = '—';

export { featurePathOfLink, folderHref, linkFolder, planPathOfLink } from '../model/links.js';

const featuresCache = new WeakMap<PlanEntry, string[]>();

/** Feature paths a plan lists (link targets below spec/features/; other links by their text), de-duplicated, in order. */
export function planFeatures(entry: PlanEntry): string[] {
  const cached = featuresCache.get(entry);
  if (cached) return cached;
  const out: string[] = [];
  for (const l of entry.parsed.plan.header.features) {
    const f = featurePathOfLink(entry.file, l.href) ?? l.text.trim();
    if (f && !out.includes(f)) out.push(f);
  }
  featuresCache.set(entry, out);
  return out;
}

/**
 * A child plan's row in its roadmap's Child Plans table, or null. The row carries the child's
 * estimates when the child's own header has none.
 */
export function childPlanRow(repo: SpecRepo, entry: PlanEntry): ChildPlanRow | null {
  const parent = entry.parent === null ? undefined : repo.plans.get(entry.parent);
  if (!parent) return null;
  let rows = childRowsCache.get(parent);
  if (!rows) {
    rows = new Map();
    for (const r of parent.parsed.plan.childPlans ?? []) {
      const child = planPathOfLink(parent.file, r.plan.href);
      if (child !== null && !rows.has(child)) rows.set(child, r);
    }
    childRowsCache.set(parent, rows);
  }
  return rows.get(entry.path) ?? null;
}

const childRowsCache = new WeakMap<PlanEntry, Map<string, ChildPlanRow>>();

/** Effort and impact of a plan: its own header fields, else its roadmap's Child Plans row, else null. */
export function planEstimates(repo: SpecRepo, entry: PlanEntry): { effort: string | null; impact: string | null } {
  const h = entry.parsed.plan.header;
  if (h.effort !== null && h.impact !== null) return { effort: h.effort, impact: h.impact };
  const row = childPlanRow(repo, entry);
  const fromRow = (v: string | undefined) => (v === undefined || normalizeCell(v) === DASH ? null : normalizeCell(v));
  return { effort: h.effort ?? fromRow(row?.effort), impact: h.impact ?? fromRow(row?.impact) };
}

/** The status a plan shows in the index and feature tables. */
export function shownStatus(entry: PlanEntry, opts: SyncOptions): string | null {
  return opts.derivedStatus?.(entry.path) || entry.parsed.plan.header.status;
}

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
  const byPos = (tableOrder: Map<string, number>) => (a: string, b: string) =>
    (pos.get(a) ?? Infinity) - (pos.get(b) ?? Infinity) || (tableOrder.get(a) ?? Infinity) - (tableOrder.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  const none = new Map<string, number>();
  const top = [...repo.plans.values()].filter((p) => p.parent === null || !repo.plans.has(p.parent)).map((p) => p.path).sort(byPos(none));
  const out: string[] = [];
  for (const path of top) {
    out.push(path);
    const entry = repo.plans.get(path)!;
    const tableOrder = new Map<string, number>();
    entry.parsed.plan.childPlans?.forEach((r, i) => {
      const child = planPathOfLink(entry.file, r.plan.href);
      if (child !== null && !tableOrder.has(child)) tableOrder.set(child, i);
    });
    out.push(...[...entry.children].filter((c) => repo.plans.has(c)).sort(byPos(tableOrder)));
  }
  return out;
}

interface PlanState {
  progress: string;
  completed: boolean;
  completedOn: string | null;
}

/** Progress, completion and completion date of every plan; a roadmap's from its children, each computed once. */
function planStates(repo: SpecRepo, items: readonly WorkItem[]): Map<string, PlanState> {
  const byPlan = itemsByPlan(items);
  const own = new Map<string, PlanState & { hasItems: boolean }>();
  for (const e of repo.plans.values()) {
    const its = byPlan.get(e.path) ?? [];
    if (its.length === 0) {
      own.set(e.path, { progress: DASH, completed: false, completedOn: null, hasItems: false });
      continue;
    }
    const p = planProgress(e.parsed.plan, its);
    own.set(e.path, { progress: p.total ? `${p.done}/${p.total} steps` : DASH, completed: p.completed, completedOn: p.completedOn, hasItems: true });
  }
  const out = new Map<string, PlanState>();
  for (const e of repo.plans.values()) {
    if (e.children.length === 0) {
      out.set(e.path, own.get(e.path)!);
      continue;
    }
    let done = 0;
    let total = 0;
    let anyItems = false;
    let last: string | null = null;
    for (const c of e.children) {
      const k = own.get(c);
      if (!k) continue;
      total++;
      anyItems ||= k.hasItems;
      if (!k.completed) continue;
      done++;
      if (k.completedOn && (last === null || k.completedOn > last)) last = k.completedOn;
    }
    const completed = total > 0 && done === total;
    out.set(e.path, { progress: anyItems ? `${done}/${total} plans` : DASH, completed, completedOn: completed ? last : null });
  }
  return out;
}

/**
 * The plans index as it should be: one row per plan in `indexOrder`, and — when `items` are
 * given — the Recently Closed rows (superseded or completed plans, newest first, at most
 * `planning.recently_closed`). A plan whose header cannot be read (no Status) keeps the cells of
 * its existing row, since there is nothing to derive them from. Pure.
 */
export function indexModel(repo: SpecRepo, opts: SyncOptions = {}, order: readonly string[] = indexOrder(repo)): PlansIndexModel {
  const states = opts.items ? planStates(repo, opts.items) : null;
  const existing = new Map<string, NonNullable<SpecRepo['index']>['parsed']['rows'][number]>();
  for (const r of repo.index?.parsed.rows ?? []) {
    const p = planPathOfLink(PLANS_INDEX, r.plan.href);
    if (p !== null && !existing.has(p)) existing.set(p, r);
  }
  const rows: IndexTableRow[] = [];
  for (const path of order) {
    const e = repo.plans.get(path)!;
    const h = e.parsed.plan.header;
    const old = existing.get(path);
    const depth = e.parent !== null && repo.plans.has(e.parent) ? 1 : 0;
    const text = path.slice(path.lastIndexOf('/') + 1);
    const progress = states?.get(path)?.progress ?? (old?.progress != null ? cell(old.progress) : DASH);
    if (h.status === null && old) {
      rows.push({ path, depth, text, status: cell(old.status), progress, features: cell(old.features), effort: cell(old.effort), impact: cell(old.impact), author: cell(old.author), approved: cell(old.approved) });
      continue;
    }
    const features = planFeatures(e);
    const { effort, impact } = planEstimates(repo, e);
    rows.push({
      path,
      depth,
      text,
      status: cell(shownStatus(e, opts)),
      progress,
      features: features.length ? cell(features.map(tableCell).join(', ')) : DASH,
      effort: cell(effort),
      impact: cell(impact),
      author: cell(h.author),
      approved: cell(h.approved),
    });
  }
  return { rows, closed: states ? closedRows(repo, states, opts) : null };
}

/**
 * A value as a table cell: normalized (white space, surrounding backticks, dash spellings) and
 * escaped as literal text, so that what `index` writes is exactly what lint and `index --check`
 * read back. Idempotent.
 */
function cell(value: string | null | undefined): string {
  return value === null || value === undefined ? DASH : normalizeCell(tableCell(normalizeCell(value)));
}

function closedRows(repo: SpecRepo, states: Map<string, PlanState>, opts: SyncOptions): ClosedTableRow[] {
  const closed: ClosedTableRow[] = [];
  for (const e of repo.plans.values()) {
    const status = shownStatus(e, opts);
    const state = states.get(e.path)!;
    const text = e.path.slice(e.path.lastIndexOf('/') + 1);
    if (status === 'superseded') {
      const by = e.parsed.plan.header.supersededBy;
      const successor = by ? planPathOfLink(e.file, by.href) : null;
      const date = (successor && repo.plans.get(successor)?.parsed.plan.header.created) || state.completedOn;
      closed.push({ path: e.path, text, status: 'superseded', completed: cell(date) });
    } else if (state.completed) {
      closed.push({ path: e.path, text, status: 'completed', completed: cell(state.completedOn) });
    }
  }
  closed.sort((a, b) => (a.completed === DASH ? 1 : 0) - (b.completed === DASH ? 1 : 0) || (a.completed < b.completed ? 1 : a.completed > b.completed ? -1 : 0) || (a.path < b.path ? -1 : 1));
  return closed.slice(0, repo.config.recently_closed);
}

/** Expected `## Plans` rows of every feature some plan lists, in index order. Pure. */
export function featurePlanRows(repo: SpecRepo, opts: SyncOptions = {}, order: readonly string[] = indexOrder(repo)): Map<string, FeaturePlansRow[]> {
  const out = new Map<string, FeaturePlansRow[]>();
  for (const path of order) {
    const e = repo.plans.get(path)!;
    const h = e.parsed.plan.header;
    for (const f of planFeatures(e)) {
      const feature = repo.features.get(f);
      if (!feature) continue;
      const rows = out.get(f) ?? out.set(f, []).get(f)!;
      rows.push({ plan: path, text: path.slice(path.lastIndexOf('/') + 1), href: folderHref(feature.file, `${PLANS_DIR}/${planText(path)}`), status: cell(shownStatus(e, opts)), author: cell(h.author), approved: cell(h.approved) });
    }
  }
  return out;
}

/**
 * The file changes that bring `spec/plans/README.md` and every feature's `## Plans` table in
 * line with the plans (CONTRACTS.md `specplan index`). Pure: returns changes, writes nothing;
 * a feature file changes only inside its `## Plans` table. Empty when nothing drifted.
 *
 * Owned by the linter/index work (issue 4); this signature is shared with lifecycle, drafting
 * and the MCP server, which call it after every write.
 */
export function computeIndexChanges(repo: SpecRepo, opts: SyncOptions = {}): FileChange[] {
  const changes: FileChange[] = [];
  const order = indexOrder(repo);
  if (repo.plans.size > 0 || repo.index) {
    const before = repo.index?.text ?? null;
    const content = renderPlansIndex(before, indexModel(repo, opts, order));
    if (content !== before) changes.push({ file: PLANS_INDEX, content, before });
  }
  const rows = featurePlanRows(repo, opts, order);
  for (const f of [...repo.features.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const want = rows.get(f.path) ?? [];
    if (want.length === 0 && f.parsed.feature.plansSection === null) continue; // nothing to write or clear
    const content = renderFeaturePlans(f.text, want);
    if (content !== f.text) changes.push({ file: f.file, content, before: f.text });
  }
  return changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
