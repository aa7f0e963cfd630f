import type { OutlineTable } from '../markdown/outline.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { firstLink } from '../markdown/blocks.js';
import { normalizeTitle } from '../parse/plan.js';
import { planText } from '../markdown/escape.js';
import { normalizeCell, normalizePlanHref, sameRowContent } from './plans-index.js';
import { tableLines } from '../markdown/writer.js';
import { joinLines, padded, replaceLines, splitLines, unclosedFence } from '../markdown/text-lines.js';

/** Columns of a feature's `## Plans` back-reference table (seed layout). */
export const FEATURE_PLANS_COLUMNS = ['Plan', 'Status', 'Author', 'Approved'] as const;

/**
 * One row of a feature's Plans table; `href` is relative to the feature README and built from
 * the encoded plan path; `text` is raw (encoded when rendered); the other cells are escaped
 * display strings.
 */
export interface FeaturePlansRow {
  /** Plan path below spec/plans/ (for callers; not rendered). */
  plan?: string;
  text: string;
  href: string;
  status: string;
  author: string;
  approved: string;
}

function cells(r: FeaturePlansRow): string[] {
  return [`[${planText(r.text)}](${r.href})`, r.status, r.author, r.approved];
}

function key(href: string, rest: readonly string[]): string {
  return JSON.stringify([normalizePlanHref(href), ...rest.map(normalizeCell)]);
}

/**
 * The table holds the same rows (in any order, ignoring padding and link text): regenerating
 * it would leave it as written.
 */
export function sameTable(t: OutlineTable, rows: readonly FeaturePlansRow[]): boolean {
  if (t.header.map(normalizeTitle).join('|') !== FEATURE_PLANS_COLUMNS.map((c) => c.toLowerCase()).join('|')) return false;
  if (t.rows.length !== rows.length) return false;
  // Rows usually stand in the order they are written: then they are compared pairwise, without sorting.
  if (
    t.rows.every((r, i) =>
      sameRowContent(firstLink(r.cells[0] ?? '')?.href ?? '', r.cells, 1, rows[i]!.href, [rows[i]!.status, rows[i]!.author, rows[i]!.approved]),
    )
  )
    return true;
  const have = t.rows.map((r) => key(firstLink(r.cells[0] ?? '')?.href ?? '', r.cells.slice(1))).sort();
  const want = rows.map((r) => key(r.href, [r.status, r.author, r.approved])).sort();
  return have.every((k, i) => k === want[i]);
}

/** The table lines of a feature's Plans section. */
function featurePlansTable(rows: readonly FeaturePlansRow[]): string[] {
  return tableLines(FEATURE_PLANS_COLUMNS, rows.map(cells), 'compact');
}

/**
 * Bring a feature README's `## Plans` table in line with `rows`, changing nothing outside it:
 * the table is replaced in place; a Plans section without a table gets one right below its
 * heading; a missing section is created before `## Outstanding Questions` (or at the end).
 * With no rows and no section the document is returned unchanged. A table that already holds
 * the same rows is left exactly as written. Pure and deterministic.
 */
export function renderFeaturePlans(text: string, rows: readonly FeaturePlansRow[]): string {
  const doc = splitLines(text);
  const ol = scanOutline(doc.lines);
  const title = ol.headings.find((h) => h.depth === 1);
  const h2 = ol.headings.filter((h) => h.depth === 2 && (!title || h.line > title.line));
  const idx = h2.findIndex((h) => normalizeTitle(h.text) === 'plans');
  if (idx < 0) {
    if (rows.length === 0) return text;
    const oq = h2.find((h) => normalizeTitle(h.text) === 'outstanding questions');
    const at = oq ? oq.line : doc.lines.length + 1;
    const fence = oq ? null : unclosedFence(doc.lines, ol.code);
    const out = joinLines(replaceLines(doc, at, at - 1, padded(doc, at, [...(fence ? [fence, ''] : []), '## Plans', '', ...featurePlansTable(rows)])));
    // A document ending inside an unterminated HTML block would swallow the new section: leave it.
    return plansTableOf(out) ? out : text;
  }
  const table = plansTableOf(text, ol);
  if (table) {
    if (sameTable(table, rows)) return text;
    return joinLines(replaceLines(doc, table.line, table.endLine, featurePlansTable(rows)));
  }
  if (rows.length === 0) return text;
  const at = h2[idx]!.line + 1;
  const out = joinLines(replaceLines(doc, at, at - 1, padded(doc, at, featurePlansTable(rows))));
  return plansTableOf(out) ? out : text;
}

/** The table inside the first `## Plans` section of a document, or null. */
function plansTableOf(text: string, outline?: ReturnType<typeof scanOutline>): OutlineTable | null {
  const ol = outline ?? scanOutline(splitLines(text).lines);
  const title = ol.headings.find((h) => h.depth === 1);
  const h2 = ol.headings.filter((h) => h.depth === 2 && (!title || h.line > title.line));
  const idx = h2.findIndex((h) => normalizeTitle(h.text) === 'plans');
  if (idx < 0) return null;
  const heading = h2[idx]!;
  const end = idx + 1 < h2.length ? h2[idx + 1]!.line - 1 : Number.MAX_SAFE_INTEGER;
  return ol.tables.find((t) => t.line > heading.line && t.line <= end) ?? null;
}
