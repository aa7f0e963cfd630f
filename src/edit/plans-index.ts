import type { Outline, OutlineTable } from '../markdown/outline.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { firstLink, isBlank } from '../markdown/blocks.js';
import { normalizeTitle } from '../parse/plan.js';
import { planHref, planText } from '../markdown/escape.js';
import { tableLines } from '../markdown/writer.js';
import { type EditableText, joinLines, padded, replaceLines, splitLines, unclosedFence } from '../markdown/text-lines.js';

/** Columns of the plans table in `spec/plans/README.md`, as the corpus index has them. */
export const INDEX_COLUMNS = ['Plan', 'Status', 'Progress', 'Features', 'Effort', 'Impact', 'Author', 'Approved'] as const;
const CLOSED_COLUMNS = ['Plan', 'Status', 'Completed'] as const;

/**
 * One row of the plans table. `path` and `text` are raw (the renderer encodes them); every other
 * cell is already a display string escaped for a table cell (`tableCell`), `—` when empty.
 */
export interface IndexTableRow {
  /** Plan path below spec/plans/. */
  path: string;
  /** 0 for top-level plans, 1 for child plans (indented with `&ensp;`). */
  depth: 0 | 1;
  /** Link text: the plan's slug. */
  text: string;
  status: string;
  progress: string;
  features: string;
  effort: string;
  impact: string;
  author: string;
  approved: string;
}

/** One row of the Recently Closed table. */
export interface ClosedTableRow {
  path: string;
  text: string;
  status: string;
  completed: string;
}

export interface PlansIndexModel {
  rows: IndexTableRow[];
  /** Recently Closed rows; null leaves an existing section untouched and adds none. */
  closed: ClosedTableRow[] | null;
}

/** `[text](plan-path/)` for a plan table row: the link text and target are encoded from the folder names. */
function planCellLink(text: string, path: string): string {
  return `[${planText(text)}](${planHref(path)})`;
}

/** Normalize a table cell for comparison: whitespace, backticks, and every dash spelling. */
export function normalizeCell(cell: string): string {
  if (isNormalCell(cell)) return cell;
  const t = cell
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^`([^`]*)`$/, '$1')
    .trim();
  return t === '' || t === '-' || t === '–' || t === '—' ? '—' : t;
}

/**
 * Whether `normalizeCell` leaves a cell as it is, decided without allocating: printable ASCII
 * with single spaces between words, not starting with a backtick, not a lone `-`. Most cells
 * (statuses, names, dates) are; anything else takes the general path.
 */
function isNormalCell(cell: string): boolean {
  const n = cell.length;
  if (n === 0 || cell.charCodeAt(0) === 96 /* ` */ || (n === 1 && cell.charCodeAt(0) === 45) /* - */) return false;
  let space = true;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
    } else if (c < 33 || c > 126) return false;
    else space = false;
  }
  return !space;
}

/** A plan link target normalized for comparison: no `./`, `README.md` or trailing slash. */
export function normalizePlanHref(href: string): string {
  return href
    .split('#')[0]!
    .replace(/^\.\//, '')
    .replace(/\/?README\.md$/i, '')
    .replace(/\/+$/, '');
}

const INDENT = /^(?:&ensp;|&emsp;|&nbsp;|\u2002|\u2003|\s)+/;

function indexCells(r: IndexTableRow): string[] {
  return [`${r.depth ? '&ensp;' : ''}${planCellLink(r.text, r.path)}`, ...valueCells(r)];
}

/** The cells of a row after its link, in column order. */
function valueCells(r: IndexTableRow): string[] {
  return [r.status, r.progress, r.features, r.effort, r.impact, r.author, r.approved];
}

/**
 * Whether a row written in a table holds the same content as a row to write (link text and
 * padding are presentation): the same link target and, cell by cell from `from` on, the same
 * cells, each as `normalizeCell` reads it.
 */
export function sameRowContent(href: string, cells: readonly string[], from: number, wantHref: string, want: readonly string[]): boolean {
  if (cells.length - from !== want.length || normalizePlanHref(href) !== normalizePlanHref(wantHref)) return false;
  for (let k = 0; k < want.length; k++) if (normalizeCell(cells[from + k]!) !== normalizeCell(want[k]!)) return false;
  return true;
}

function mainTableOf(tables: readonly OutlineTable[]): OutlineTable | undefined {
  return tables.find((t) => normalizeTitle(t.header[0] ?? '') === 'plan' && t.header.some((c) => normalizeTitle(c) === 'features'));
}

function sameMainTable(t: OutlineTable, rows: readonly IndexTableRow[]): boolean {
  const cols = t.header.map(normalizeTitle);
  if (cols.join('|') !== INDEX_COLUMNS.map((c) => c.toLowerCase()).join('|') || t.rows.length !== rows.length) return false;
  return t.rows.every((row, i) => {
    const raw = row.cells[0] ?? '';
    const link = firstLink(raw.replace(INDENT, ''));
    const want = rows[i]!;
    return (INDENT.test(raw) ? 1 : 0) === want.depth && sameRowContent(link?.href ?? '', row.cells, 1, planHref(want.path), valueCells(want));
  });
}

function sameClosedTable(t: OutlineTable, rows: readonly ClosedTableRow[]): boolean {
  const cols = t.header.map(normalizeTitle);
  if (cols.join('|') !== CLOSED_COLUMNS.map((c) => c.toLowerCase()).join('|') || t.rows.length !== rows.length) return false;
  return t.rows.every((row, i) => {
    const want = rows[i]!;
    return sameRowContent(firstLink(row.cells[0] ?? '')?.href ?? '', row.cells, 1, planHref(want.path), [want.status, want.completed]);
  });
}

function mainTableLines(rows: readonly IndexTableRow[]): string[] {
  return tableLines(INDEX_COLUMNS, rows.map(indexCells), 'compact');
}

function closedLines(rows: readonly ClosedTableRow[]): string[] {
  if (rows.length === 0) return ['(none)'];
  return tableLines(
    CLOSED_COLUMNS,
    rows.map((r) => [planCellLink(r.text, r.path), r.status, r.completed]),
    'compact',
  );
}

/** A fresh index in the seed's layout. */
function freshIndex(model: PlansIndexModel): string {
  const parts = [['# Plans'], mainTableLines(model.rows)];
  if (model.closed) parts.push(['## Recently Closed'], closedLines(model.closed));
  parts.push(['## Outstanding Questions'], ['None at this time.']);
  return `${parts.map((p) => p.join('\n')).join('\n\n')}\n`;
}

/**
 * Render `spec/plans/README.md`: a fresh document in the seed's layout when `existing` is null;
 * otherwise the existing document with only its plans table and Recently Closed table replaced,
 * every other byte kept. A table whose content already matches (ignoring padding, dash
 * spellings and link text) is left exactly as written. Pure and deterministic.
 */
export function renderPlansIndex(existing: string | null, model: PlansIndexModel): string {
  if (existing === null) return freshIndex(model);
  // Recently Closed first (it is below the main table, so main-table edits do not shift it).
  let doc = withRecentlyClosed(splitLines(existing), model.closed);
  const ol = scanOutline(doc.lines);
  const main = mainTableOf(ol.tables);
  if (main) {
    if (!sameMainTable(main, model.rows)) doc = replaceLines(doc, main.line, main.endLine, mainTableLines(model.rows));
  } else {
    const title = ol.headings.find((h) => h.depth === 1);
    const firstH2 = ol.headings.find((h) => h.depth === 2 && (!title || h.line > title.line));
    const at = firstH2 ? firstH2.line : doc.lines.length + 1;
    const fence = firstH2 ? null : unclosedFence(doc.lines, ol.code);
    doc = replaceLines(doc, at, at - 1, padded(doc, at, [...(fence ? [fence, ''] : []), ...mainTableLines(model.rows)]));
  }
  const out = joinLines(doc);
  // A document ending inside an unterminated HTML block would swallow an appended table: leave it.
  return mainTableOf(scanOutline(doc.lines).tables) ? out : existing;
}

/**
 * The document with its Recently Closed section brought in line with `closed` (the same object
 * when nothing changes): its table replaced, a placeholder or a missing table filled in, a missing
 * section added before `## Outstanding Questions` (or at the end) when there are closed plans.
 * Null leaves the section as written.
 */
function withRecentlyClosed(doc: EditableText, closed: readonly ClosedTableRow[] | null, ol: Outline = scanOutline(doc.lines)): EditableText {
  if (!closed) return doc;
  const closedHeading = ol.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'recently closed');
  if (closedHeading) {
    const next = ol.headings.find((h) => h.line > closedHeading.line && h.depth <= 2);
    const end = next ? next.line - 1 : doc.lines.length;
    const table = ol.tables.find((t) => t.line > closedHeading.line && t.line <= end);
    if (!table) return replaceClosedBody(doc, closedHeading.line, end, closedLines(closed));
    if (sameClosedTable(table, closed)) return doc;
    // "(none)" must stand as its own paragraph to be recognised next time.
    const block = closedLines(closed);
    const after = table.endLine < doc.lines.length && !isBlank(doc.lines[table.endLine] ?? '') ? [''] : [];
    const before = table.line - 1 > closedHeading.line && !isBlank(doc.lines[table.line - 2] ?? '') ? [''] : [];
    return replaceLines(doc, table.line, table.endLine, [...before, ...block, ...after]);
  }
  if (closed.length === 0) return doc;
  const oq = ol.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'outstanding questions');
  const at = oq ? oq.line : doc.lines.length + 1;
  const fence = oq ? null : unclosedFence(doc.lines, ol.code);
  const added = replaceLines(doc, at, at - 1, padded(doc, at, [...(fence ? [fence, ''] : []), '## Recently Closed', '', ...closedLines(closed)]));
  // Appended inside an unterminated HTML block, the section would not be one: leave it out.
  return scanOutline(added.lines).headings.some((h) => h.depth === 2 && normalizeTitle(h.text) === 'recently closed') ? added : doc;
}

/**
 * Whether regenerating the index with these Recently Closed rows changes that section (`outline`:
 * the document's, when the caller has scanned it). When it does not, the regenerated index
 * differs from the document only in its plans table.
 */
export function recentlyClosedChanges(doc: EditableText, closed: readonly ClosedTableRow[] | null, outline?: Outline): boolean {
  return withRecentlyClosed(doc, closed, outline) !== doc;
}

/**
 * Recently Closed without a table: replace a placeholder paragraph ("(none)") that stands on its
 * own, else insert the block right below the heading. A table is kept only where a re-scan finds
 * it (a placeholder inside an unterminated HTML block is not a paragraph); else nothing changes.
 */
function replaceClosedBody(doc: EditableText, heading: number, end: number, block: string[]): EditableText {
  const isTable = block.length > 1;
  const tableLands = (d: EditableText) => {
    const ol = scanOutline(d.lines);
    const h = ol.headings.find((x) => x.depth === 2 && normalizeTitle(x.text) === 'recently closed');
    const next = h && ol.headings.find((x) => x.line > h.line && x.depth <= 2);
    return !!h && ol.tables.some((t) => t.line > h.line && (!next || t.line < next.line));
  };
  for (let l = heading + 1; l <= end; l++) {
    const line = doc.lines[l - 1]!;
    if (isBlank(line)) continue;
    const alone = (l === heading + 1 || isBlank(doc.lines[l - 2] ?? '')) && (l >= end || isBlank(doc.lines[l] ?? ''));
    if (!alone || !PLACEHOLDER.test(line.trim())) continue;
    if (!isTable) return doc; // "(none)" already says it
    const replaced = replaceLines(doc, l, l, block);
    if (tableLands(replaced)) return replaced;
    break;
  }
  const at = heading + 1;
  const inserted = replaceLines(doc, at, at - 1, padded(doc, at, block));
  return !isTable || tableLands(inserted) ? inserted : doc;
}

const PLACEHOLDER = /^[(_*]*\s*(none|nothing|n\/a|—|-)[\s.)_*]*$/i;
