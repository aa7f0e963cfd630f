import type { Link } from '../model/common.js';
import { headerFields, headerRange, withFieldValue, type FieldBlock } from '../markdown/header-fields.js';
import { type EditableText, joinLines, replaceLines, splitLines } from '../markdown/text-lines.js';

/** Canonical order of the seed's header fields; new fields go after their predecessor. */
const FIELD_RANK: Record<string, number> = {
  status: 0,
  features: 1,
  'source type': 2,
  source: 3,
  author: 4,
  approver: 5,
  created: 6,
  approved: 7,
  effort: 8,
  impact: 9,
};

/** Header changes made by a status transition. */
export interface HeaderEdit {
  status: string;
  approver?: string;
  approved?: string;
  /** Successor link, written as the last header field. */
  supersededBy?: Link;
}

/**
 * Set one header field in place (or insert it after the last present field that precedes it in
 * the seed's order), touching no other line.
 */
export function setHeaderField(doc: EditableText, name: string, value: string): EditableText {
  const key = name.toLowerCase();
  const fields = headerFields(doc.lines);
  const existing = fields.find((f) => f.key === key);
  if (existing) return replaceLines(doc, existing.start + 1, existing.end, [withFieldValue(doc.lines[existing.start]!, value)]);
  const rank = FIELD_RANK[key] ?? Number.MAX_SAFE_INTEGER;
  let after: FieldBlock | null = null;
  for (const f of fields) {
    const r = FIELD_RANK[f.key];
    if (r !== undefined && r < rank && (after === null || r >= (FIELD_RANK[after.key] ?? -1))) after = f;
  }
  const at = after ? after.end : (fields.at(-1)?.end ?? headerRange(doc.lines).start);
  return replaceLines(doc, at + 1, at, [`**${name}:** ${value}`]);
}

function appendLastField(doc: EditableText, name: string, value: string): EditableText {
  const key = name.toLowerCase();
  const old = headerFields(doc.lines).find((f) => f.key === key);
  const without = old ? replaceLines(doc, old.start + 1, old.end, []) : doc;
  const last = headerFields(without.lines).at(-1);
  const at = last ? last.end : headerRange(without.lines).start;
  return replaceLines(without, at + 1, at, [`**${name}:** ${value}`]);
}

/**
 * Apply a transition's header changes to a plan document, touching only the lines of the fields
 * involved (Status, Approver, Approved, Superseded by): every other byte stays as written.
 */
export function editPlanHeader(text: string, edit: HeaderEdit): string {
  let doc = setHeaderField(splitLines(text), 'Status', edit.status);
  if (edit.approver !== undefined) doc = setHeaderField(doc, 'Approver', edit.approver);
  if (edit.approved !== undefined) doc = setHeaderField(doc, 'Approved', edit.approved);
  if (edit.supersededBy) doc = appendLastField(doc, 'Superseded by', `[${edit.supersededBy.text}](${edit.supersededBy.href})`);
  return joinLines(doc);
}
