import { setHeaderField } from './plan-header.js';
import { joinLines, splitLines } from '../markdown/text-lines.js';

/**
 * Set a plan's Effort and/or Impact header fields, touching only those lines (added in the seed's
 * order when absent); every other byte stays as written.
 */
export function setEstimateFields(text: string, values: { effort?: string | null; impact?: string | null }): string {
  let doc = splitLines(text);
  if (values.effort) doc = setHeaderField(doc, 'Effort', values.effort);
  if (values.impact) doc = setHeaderField(doc, 'Impact', values.impact);
  return joinLines(doc);
}
