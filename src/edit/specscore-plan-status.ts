import { isBlank } from '../markdown/blocks.js';
import { tableCell } from '../markdown/escape.js';
import { headerFields, headerRange, withFieldValue } from '../markdown/header-fields.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { type EditableText, joinLines, padded, replaceLines, splitLines } from '../markdown/text-lines.js';
import type { Snapshot } from '../model/plan-format.js';
import { readFooter, readFrontMatter } from '../parse/front-matter.js';
import { normalizeTitle } from '../parse/plan.js';

/** A status change of a plan in the current SpecScore format. */
export interface SpecscorePlanEdit {
  /** The status as the format writes it: `In Review`, `Approved`. */
  status?: string;
  /** Header fields to set: the value replaced in place, or the field added as the last header field. */
  fields?: ReadonlyArray<{ name: string; value: string }>;
  /** A row for the `## Snapshots` table (the section is created when the plan has none). */
  snapshot?: Omit<Snapshot, 'line'>;
}

// The lines with the front matter blanked (same line numbers), so that nothing in it is read as markdown.
function bodyLines(doc: EditableText): string[] {
  const fm = readFrontMatter(doc.lines);
  return fm ? doc.lines.map((l, i) => (i < fm.endLine ? '' : l)) : doc.lines;
}

function setFrontMatterStatus(doc: EditableText, status: string): EditableText {
  const field = readFrontMatter(doc.lines)?.fields.status;
  if (!field) return doc;
  const line = doc.lines[field.line - 1]!;
  const m = /^(status:\s*)(['"]?)(.*?)\2(\s*)$/.exec(line);
  return m ? replaceLines(doc, field.line, field.line, [`${m[1]}${m[2]}${status}${m[2]}${m[4]}`]) : doc;
}

function setField(doc: EditableText, name: string, value: string): EditableText {
  const fields = headerFields(bodyLines(doc));
  const existing = fields.find((f) => f.key === name.toLowerCase());
  if (existing) return replaceLines(doc, existing.start + 1, existing.end, [withFieldValue(doc.lines[existing.start]!, value)]);
  const at = fields.at(-1)?.end ?? headerRange(bodyLines(doc)).start;
  return replaceLines(doc, at + 1, at, [`**${name}:** ${value}`]);
}

const PLACEHOLDER = /^[(_*]*\s*(none( at this time| yet)?|nothing|n\/a|—|-)[\s.)_*]*$/i;
const THEMATIC_BREAK = /^ {0,3}([-*_])( *\1){2,} *$/;

function snapshotRow(s: Omit<Snapshot, 'line'>): string {
  return `| ${tableCell(s.date)} | \`${s.hash.replace(/`/g, '')}\` | ${tableCell(s.action)} | ${tableCell(s.comment)} |`;
}

function addSnapshot(doc: EditableText, snapshot: Omit<Snapshot, 'line'>): EditableText {
  const lines = bodyLines(doc);
  const outline = scanOutline(lines);
  const row = snapshotRow(snapshot);
  const table = ['| Date | Git Hash | Action | Comment |', '|---|---|---|---|', row];
  const heading = outline.headings.find((h) => h.depth === 2 && normalizeTitle(h.text) === 'snapshots');
  if (heading) {
    const next = outline.headings.find((h) => h.depth <= 2 && h.line > heading.line);
    const end = next ? next.line - 1 : lines.length;
    const existing = outline.tables.find((t) => t.line > heading.line && t.line <= end);
    // outline table endLine is the 1-based line of its last row: the new row goes right after it.
    if (existing) return replaceLines(doc, existing.endLine + 1, existing.endLine, [row]);
    for (let l = heading.line + 1; l <= end; l++) {
      const text = lines[l - 1]!;
      if (isBlank(text)) continue;
      if (PLACEHOLDER.test(text.trim()) && (l >= end || isBlank(lines[l] ?? ''))) return replaceLines(doc, l, l, table);
      break;
    }
    return replaceLines(doc, heading.line + 1, heading.line, padded(doc, heading.line + 1, table));
  }
  // A new section goes where the plans of the format keep it: after the last section, before the
  // `---` and adherence footer that end the document (or at the end when there is no footer).
  const footer = readFooter(doc.lines);
  let at = footer ? footer.line : doc.lines.length + 1;
  if (footer) {
    let above = footer.line - 1;
    while (above > 0 && isBlank(lines[above - 1]!)) above--;
    if (above > 0 && THEMATIC_BREAK.test(lines[above - 1]!)) at = above;
  }
  return replaceLines(doc, at, at - 1, padded(doc, at, ['## Snapshots', '', ...table]));
}

/**
 * Apply a status change to a plan document of the current SpecScore format, touching only the
 * lines involved: the `**Status:**` header line and the front matter `status:` copy (kept equal;
 * a document without that copy gets none), the header fields named, and one `## Snapshots` row
 * (the section, when absent, is added before the adherence footer, which stays the last line).
 */
export function editSpecscorePlan(text: string, edit: SpecscorePlanEdit): string {
  let doc = splitLines(text);
  if (edit.status !== undefined) {
    doc = setField(doc, 'Status', edit.status);
    doc = setFrontMatterStatus(doc, edit.status);
  }
  for (const f of edit.fields ?? []) doc = setField(doc, f.name, f.value);
  if (edit.snapshot) doc = addSnapshot(doc, edit.snapshot);
  return joinLines(doc);
}
