import { headerFields, headerRange, joinDoc, splitDoc, withFieldValue } from '../lifecycle/text-lines.js';

/** The seed's header order; a new field goes right after the last present field ranked before it. */
const ORDER = ['status', 'features', 'source type', 'source', 'author', 'approver', 'created', 'approved', 'effort', 'impact'];

function setField(lines: string[], name: string, value: string): void {
  const key = name.toLowerCase();
  const fields = headerFields(lines);
  const existing = fields.find((f) => f.key === key);
  if (existing) {
    lines.splice(existing.start, existing.end - existing.start, withFieldValue(lines[existing.start]!, value));
    return;
  }
  const rank = ORDER.indexOf(key);
  const before = fields.filter((f) => {
    const r = ORDER.indexOf(f.key);
    return r >= 0 && r < rank;
  });
  const after = before.sort((a, b) => a.end - b.end).at(-1);
  const at = after ? after.end : (fields.at(-1)?.end ?? headerRange(lines).start);
  lines.splice(at, 0, `**${name}:** ${value}`);
}

/**
 * Set a plan's Effort and/or Impact header fields, touching only those lines (added in the seed's
 * order when absent); every other byte stays as written.
 */
export function setEstimateFields(text: string, values: { effort?: string | null; impact?: string | null }): string {
  const doc = splitDoc(text);
  if (values.effort) setField(doc.lines, 'Effort', values.effort);
  if (values.impact) setField(doc.lines, 'Impact', values.impact);
  return joinDoc(doc);
}
