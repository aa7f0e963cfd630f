import { tableCell } from '../markdown/escape.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { joinLines, replaceLines, splitLines } from '../markdown/text-lines.js';
import { withCell } from '../markdown/header-fields.js';
import { statusValue } from '../model/plan-format.js';
import { RepoError } from '../model/errors.js';
import type { FileChange } from '../model/file-change.js';
import { resolveHref } from '../model/paths.js';
import { PLANS_DIR, PLANS_INDEX, type PlanEntry, type SpecRepo } from '../model/repository.js';
import { normalizeTitle } from '../parse/plan.js';

/** A cell value, or `-` when there is none (the plans-index convention for absent values). */
function orDash(v: string | null | undefined): string {
  const t = (v ?? '').trim();
  return t === '' || t === '—' ? '-' : tableCell(t);
}

/** The date of a plan's approval: its Approved field, else its latest `approved` snapshot. */
function approvedOn(e: PlanEntry): string | null {
  if (e.parsed.plan.header.approved) return e.parsed.plan.header.approved;
  const dates = (e.parsed.specscore?.snapshots ?? []).filter((r) => r.action === 'approved').map((r) => r.date);
  return dates.sort().at(-1) ?? null;
}

/** One Contents row of the plans-index layout for a plan (sub-plans indented with `&ensp;`). */
function contentsRow(e: PlanEntry): string {
  const h = e.parsed.plan.header;
  const href = e.file.slice(PLANS_DIR.length + 1);
  const indent = '&ensp;'.repeat(e.path.split('/').length - 1);
  // The plans-index Status column uses the lower-case values (draft, in_review, approved, …).
  const status = orDash(h.status);
  const features = h.features.map((f) => f.text).join(', ');
  const slug = e.path.slice(e.path.lastIndexOf('/') + 1);
  return `| ${indent}[${tableCell(slug)}](${href}) | ${status} | ${orDash(features)} | ${orDash(h.effort)} | ${orDash(h.impact)} | ${orDash(h.author)} | ${orDash(approvedOn(e))} |`;
}

/**
 * The plans index of a current-format repository brought up to date in the two ways that never
 * lose anything: a row whose Status cell no longer says its plan's status gets that cell
 * rewritten (the other cells keep their bytes), and a Contents row is added for every plan the
 * table does not list, after its last row, in plan-path order. No other line changes (summaries,
 * Recently Closed, the footer); no row is ever removed. Empty when nothing is out of date.
 * Refuses (RepoError) when rows must be added and there is no Contents table.
 */
export function specscoreIndexChanges(repo: SpecRepo): FileChange[] {
  const index = repo.index;
  if (!index)
    throw new RepoError(
      `${PLANS_INDEX} does not exist; this tool does not create the plans index of the current SpecScore format`,
      'write it by hand from the plans-index specification',
    );
  const listed = new Set<string>();
  for (const row of index.parsed.rows) {
    const target = row.plan.href ? resolveHref(PLANS_INDEX, row.plan.href) : null;
    if (target !== null) listed.add(target);
  }
  const byTarget = new Map<string, PlanEntry>();
  for (const e of repo.plans.values()) {
    byTarget.set(e.file, e);
    if (e.file.endsWith('/README.md')) byTarget.set(e.file.slice(0, -'/README.md'.length), e);
  }
  let text = splitLines(index.text);
  // Status cells that no longer say the plan's status (compared as values: `Approved` = `approved`).
  const statusCol = index.parsed.columns.findIndex((c) => normalizeTitle(c) === 'status');
  for (const row of index.parsed.rows) {
    const target = row.plan.href ? resolveHref(PLANS_INDEX, row.plan.href) : null;
    const e = target === null ? undefined : byTarget.get(target);
    const status = e?.parsed.plan.header.status;
    if (!e || !status || statusCol < 0 || statusValue(row.status) === status) continue;
    text = replaceLines(text, row.line, row.line, [withCell(text.lines[row.line - 1]!, statusCol, tableCell(status))]);
  }
  const missing = [...repo.plans.values()]
    .filter((e) => !listed.has(e.file) && !(e.file.endsWith('/README.md') && listed.has(e.file.slice(0, -'/README.md'.length))))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (missing.length === 0) {
    const content = joinLines(text);
    return content === index.text ? [] : [{ file: PLANS_INDEX, content, before: index.text }];
  }
  const outline = scanOutline(text.lines);
  const contents = outline.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'contents');
  const next = contents ? outline.headings.find((h) => h.depth <= 2 && h.line > contents.line) : undefined;
  const table = contents ? outline.tables.find((t) => t.line > contents.line && (!next || t.line < next.line)) : undefined;
  if (!table)
    throw new RepoError(
      `${PLANS_INDEX} has no table under "## Contents" to add the missing plans to; nothing was written`,
      'add the Contents table by hand (Plan | Status | Features | Effort | Impact | Author | Approved)',
    );
  // table.endLine is the 1-based line of its last row: the new rows go right after it.
  const after = replaceLines(text, table.endLine + 1, table.endLine, missing.map(contentsRow));
  return [{ file: PLANS_INDEX, content: joinLines(after), before: index.text }];
}
