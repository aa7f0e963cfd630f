import { isBlank } from '../markdown/blocks.js';
import { tableCell } from '../markdown/escape.js';
import { withCell } from '../markdown/header-fields.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { joinLines, padded, replaceLines, splitLines, type EditableText } from '../markdown/text-lines.js';
import type { FileChange } from '../model/file-change.js';
import { resolveHref } from '../model/paths.js';
import { SPECSCORE_PLAN_STATUSES, statusValue } from '../model/plan-format.js';
import { PLANS_DIR, PLANS_INDEX, type PlanEntry, type SpecRepo } from '../model/repository.js';
import { normalizeTitle } from '../parse/plan.js';

/** What a status transition changes in the plans index row of its plan. */
export interface IndexRowEdit {
  /** The new status (model value: `in_review`, `withdrawn`). */
  status: string;
  /** The approval date for the Approved cell. */
  approved?: string;
  /** The plan closed on this date: it is added to the top of Recently Closed. */
  closedOn?: string;
}

/**
 * A status as the index writes them: capitalised like the plans (`In Review`) when its Status
 * cells are written that way, else the plans-index vocabulary (`in_review`).
 */
function statusAsIndexWrites(cells: readonly string[], value: string): string {
  const written = SPECSCORE_PLAN_STATUSES.get(value);
  const capitalised = cells.some((c) => /[A-Z]/.test(c) && SPECSCORE_PLAN_STATUSES.get(statusValue(c)) === c.trim());
  return capitalised && written ? written : value;
}

const PLACEHOLDER = /^[(_*]*\s*(none( at this time| yet)?|nothing|n\/a|—|-)[\s.)_*]*$/i;
const ITEM = /^\s*[-*+] /;

// Recently Closed with `entry` on top, at most `keep` entries; null when the section is not a list.
function addClosed(doc: EditableText, entry: string, keep: number): EditableText | null {
  const outline = scanOutline(doc.lines);
  const heading = outline.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'recently closed');
  if (!heading) return null;
  const next = outline.headings.find((h) => h.depth <= 2 && h.line > heading.line);
  const end = next ? next.line - 1 : doc.lines.length;
  const items: number[] = [];
  let placeholder = 0;
  for (let l = heading.line + 1; l <= end; l++) {
    const line = doc.lines[l - 1]!;
    if (isBlank(line)) continue;
    if (ITEM.test(line)) items.push(l);
    else if (!items.length && !placeholder && PLACEHOLDER.test(line.trim())) placeholder = l;
    else return null;
  }
  if (keep <= 0) return doc;
  // The oldest entries beyond the configured number are dropped (git history keeps them).
  const dropped = items.slice(keep - 1);
  let out = doc;
  for (const l of dropped.reverse()) out = replaceLines(out, l, l, []);
  if (items.length) return replaceLines(out, items[0]!, items[0]! - 1, [entry]);
  if (placeholder) return replaceLines(out, placeholder, placeholder, [entry]);
  return replaceLines(out, heading.line + 1, heading.line, padded(out, heading.line + 1, [entry]));
}

/**
 * The plans index of a current-format repository with the row of one transitioned plan brought
 * up to date: its Status cell (in the index's own spelling), its Approved cell on approval, and
 * on closing an entry at the top of `## Recently Closed` (link, terminal status, date; at most
 * `planning.recently_closed` entries). Every other row and line keeps its bytes. A plan the
 * index does not list is left to the index command; notes say what was not done.
 */
export function specscoreIndexRowChange(repo: SpecRepo, entry: PlanEntry, edit: IndexRowEdit): { changes: FileChange[]; notes: string[] } {
  const index = repo.index;
  if (!index) return { changes: [], notes: [`${PLANS_INDEX} does not exist; no index row was updated`] };
  const folder = entry.file.endsWith('/README.md') ? entry.file.slice(0, -'/README.md'.length) : null;
  const row = index.parsed.rows.find((r) => {
    const target = r.plan.href ? resolveHref(PLANS_INDEX, r.plan.href) : null;
    return target !== null && (target === entry.file || target === folder);
  });
  if (!row) return { changes: [], notes: [`${PLANS_INDEX} does not list ${entry.path}; updating the plans index adds its row`] };
  const notes: string[] = [];
  const cols = index.parsed.columns.map(normalizeTitle);
  const status = statusAsIndexWrites(
    index.parsed.rows.map((r) => r.status),
    edit.status,
  );
  let doc = splitLines(index.text);
  let line = doc.lines[row.line - 1]!;
  if (cols.includes('status') && statusValue(row.status) !== edit.status) line = withCell(line, cols.indexOf('status'), tableCell(status));
  if (edit.approved && cols.includes('approved') && row.approved.trim() !== edit.approved) line = withCell(line, cols.indexOf('approved'), edit.approved);
  doc = replaceLines(doc, row.line, row.line, [line]);
  if (edit.closedOn) {
    const entryLine = `- [${row.plan.text}](${row.plan.href || entry.file.slice(PLANS_DIR.length + 1)}) — ${status} — ${edit.closedOn}`;
    const closed = addClosed(doc, entryLine, repo.config.recently_closed);
    if (closed) doc = closed;
    else notes.push(`${PLANS_INDEX} has no "## Recently Closed" list to add ${entry.path} to; add it by hand`);
  }
  const content = joinLines(doc);
  return { changes: content === index.text ? [] : [{ file: PLANS_INDEX, content, before: index.text }], notes };
}
