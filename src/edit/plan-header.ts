import type { Link } from '../model/common.js';
import { headerFields, headerRange, joinDoc, splitDoc, withFieldValue, type FieldBlock } from '../markdown/header-fields.js';

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
export function setHeaderField(lines: string[], name: string, value: string): void {
  const key = name.toLowerCase();
  const fields = headerFields(lines);
  const existing = fields.find((f) => f.key === key);
  if (existing) {
    lines.splice(existing.start, existing.end - existing.start, withFieldValue(lines[existing.start]!, value));
    return;
  }
  const rank = FIELD_RANK[key] ?? Number.MAX_SAFE_INTEGER;
  let after: FieldBlock | null = null;
  for (const f of fields) {
    const r = FIELD_RANK[f.key];
    if (r !== undefined && r < rank && (after === null || r >= (FIELD_RANK[after.key] ?? -1))) after = f;
  }
  const at = after ? after.end : (fields.at(-1)?.end ?? headerRange(lines).start);
  lines.splice(at, 0, `**${name}:** ${value}`);
}

function appendLastField(lines: string[], name: string, value: string): void {
  const key = name.toLowerCase();
  const old = headerFields(lines).find((f) => f.key === key);
  if (old) lines.splice(old.start, old.end - old.start);
  const last = headerFields(lines).at(-1);
  const at = last ? last.end : headerRange(lines).start;
  lines.splice(at, 0, `**${name}:** ${value}`);
}

/**
 * Apply a transition's header changes to a plan document, touching only the lines of the fields
 * involved (Status, Approver, Approved, Superseded by): every other byte stays as written.
 */
export function editPlanHeader(text: string, edit: HeaderEdit): string {
  const doc = splitDoc(text);
  const lines = doc.lines;
  setHeaderField(lines, 'Status', edit.status);
  if (edit.approver !== undefined) setHeaderField(lines, 'Approver', edit.approver);
  if (edit.approved !== undefined) setHeaderField(lines, 'Approved', edit.approved);
  if (edit.supersededBy) appendLastField(lines, 'Superseded by', `[${edit.supersededBy.text}](${edit.supersededBy.href})`);
  return joinDoc(doc);
}
