import path from 'node:path';
import { firstLink } from '../markdown/blocks.js';
import { tableCell } from '../markdown/escape.js';
import { withCell } from '../markdown/header-fields.js';
import { scanOutline } from '../markdown/outline-fast.js';
import type { OutlineTable } from '../markdown/outline.js';
import { joinLines, replaceLines, splitLines, type EditableText } from '../markdown/text-lines.js';
import { tableLines, tableRow } from '../markdown/writer.js';
import type { FileChange } from '../model/file-change.js';
import { statusValue } from '../model/plan-format.js';
import { planFeatures } from '../analysis/plan-features.js';
import { resolveHref } from '../model/paths.js';
import type { FeatureEntry, PlanEntry, SpecRepo } from '../model/repository.js';
import { normalizeTitle } from '../parse/plan.js';
import { writtenStatus } from '../render/specscore-plan.js';
import { FEATURE_PLANS_COLUMNS } from './feature-plans.js';

/*
 * The `## Plans` back-reference table of a feature in the current SpecScore format
 * (REQ feature-back-reference: Plan | Status | Author | Approved). Features of that format end
 * with `## Open Questions` and the adherence footer, so a new section goes before Open
 * Questions (before the footer's rule when there is none), never after the footer. Rows are
 * edited one at a time: a stale Status cell is rewritten, a missing row is added after the last
 * one; nothing else in the table or the document changes.
 */

/** The plans that touch a feature: they list it among their features (Source Feature or Features). */
function plansOf(repo: SpecRepo, feature: FeatureEntry): PlanEntry[] {
  return [...repo.plans.values()].filter((e) => planFeatures(e).includes(feature.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The approval date of a plan: its Approved field, else its latest `approved` snapshot, else `-`. */
function approvedOn(e: PlanEntry): string {
  if (e.parsed.plan.header.approved) return e.parsed.plan.header.approved;
  const dates = (e.parsed.specscore?.snapshots ?? []).filter((r) => r.action === 'approved').map((r) => r.date);
  return dates.sort().at(-1) ?? '-';
}

function rowCells(feature: FeatureEntry, e: PlanEntry): string[] {
  const h = e.parsed.plan.header;
  const href = path.posix.relative(path.posix.dirname(feature.file), e.file);
  const slug = e.path.slice(e.path.lastIndexOf('/') + 1);
  const status = h.status ? tableCell(writtenStatus(h.status)) : '-';
  return [`[${tableCell(slug)}](${href})`, status, tableCell(h.author?.trim() || '-'), tableCell(approvedOn(e))];
}

/** The table inside the feature's `## Plans` section, or null. */
function plansTable(feature: FeatureEntry, lines: readonly string[]): OutlineTable | null {
  const section = feature.parsed.feature.plansSection;
  if (!section) return null;
  return scanOutline(lines).tables.find((t) => t.line > section.startLine && t.line <= section.endLine) ?? null;
}

/** The line a new `## Plans` section goes before: `## Open Questions`, else the footer's `---`, else the end. */
function insertionLine(lines: readonly string[], footerLine: number | null): number {
  const outline = scanOutline(lines);
  const oq = outline.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'open questions');
  if (oq) return oq.line;
  if (footerLine !== null) {
    let at = footerLine;
    while (at > 1 && lines[at - 2]!.trim() === '') at--;
    if (at > 1 && /^-{3,}\s*$/.test(lines[at - 2]!)) return at - 1;
    return footerLine;
  }
  return lines.length + 1;
}

function footerLineOf(lines: readonly string[]): number | null {
  for (let i = lines.length - 1; i >= 0; i--) if (/^\*?This document follows the \S+\*?\s*$/.test(lines[i]!.trim())) return i + 1;
  return null;
}

/** Rewrite stale Status cells and add missing rows of an existing table; the text unchanged when nothing is stale. */
function updateTable(text: EditableText, table: OutlineTable, feature: FeatureEntry, plans: readonly PlanEntry[]): EditableText {
  const cols = table.header.map(normalizeTitle);
  const planCol = cols.indexOf('plan');
  const statusCol = cols.indexOf('status');
  if (planCol < 0) return text;
  const listed = new Map<string, number>();
  for (const r of table.rows) {
    const href = firstLink(r.cells[planCol] ?? '')?.href;
    const target = href ? resolveHref(feature.file, href) : null;
    if (target !== null) listed.set(target, r.line);
  }
  let out = text;
  const missing: string[] = [];
  for (const e of plans) {
    const at = listed.get(e.file) ?? (e.file.endsWith('/README.md') ? listed.get(e.file.slice(0, -'/README.md'.length)) : undefined);
    if (at === undefined) {
      if (cols.join('|') === FEATURE_PLANS_COLUMNS.map((c) => c.toLowerCase()).join('|')) missing.push(tableRow(rowCells(feature, e)));
      continue;
    }
    const status = e.parsed.plan.header.status;
    const row = table.rows.find((r) => r.line === at)!;
    if (statusCol < 0 || !status || statusValue(row.cells[statusCol] ?? '') === status) continue;
    out = replaceLines(out, at, at, [withCell(out.lines[at - 1]!, statusCol, tableCell(writtenStatus(status)))]);
  }
  return missing.length ? replaceLines(out, table.endLine + 1, table.endLine, missing) : out;
}

/**
 * The feature's Plans table with `plan` in it: its row added (or its stale Status cell
 * rewritten) in an existing table; when the feature has no Plans section, one is created before
 * `## Open Questions` with a row for every plan that touches the feature. Null when nothing
 * changes or the feature does not exist.
 */
export function addFeatureBackReference(repo: SpecRepo, featurePath: string, plan: PlanEntry): FileChange | null {
  const feature = repo.features.get(featurePath);
  if (!feature) return null;
  const plans = new Map(repo.plans);
  plans.set(plan.path, plan);
  const touching = plansOf({ ...repo, plans }, feature);
  const text = splitLines(feature.text);
  const table = plansTable(feature, text.lines);
  let next: EditableText;
  if (table) next = updateTable(text, table, feature, touching);
  else if (feature.parsed.feature.plansSection) return null;
  else {
    const at = insertionLine(text.lines, footerLineOf(text.lines));
    const rows = touching.map((e) => rowCells(feature, e));
    next = replaceLines(text, at, at - 1, ['## Plans', '', ...tableLines(FEATURE_PLANS_COLUMNS, rows, 'compact'), '']);
  }
  const content = joinLines(next);
  return content === feature.text ? null : { file: feature.file, content, before: feature.text };
}

/**
 * The Plans tables a repository of the current format already keeps, brought up to date: stale
 * Status cells rewritten, rows added for plans the table misses. A feature without a Plans
 * section is left alone (the format's repositories do not all keep them).
 */
export function specscoreFeaturePlansChanges(repo: SpecRepo): FileChange[] {
  const out: FileChange[] = [];
  for (const feature of [...repo.features.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const text = splitLines(feature.text);
    const table = plansTable(feature, text.lines);
    if (!table) continue;
    const content = joinLines(updateTable(text, table, feature, plansOf(repo, feature)));
    if (content !== feature.text) out.push({ file: feature.file, content, before: feature.text });
  }
  return out;
}
