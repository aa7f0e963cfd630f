import { setHeaderField } from './plan-header.js';
import { joinDoc, splitDoc } from '../markdown/header-fields.js';

/**
 * Set a plan's Effort and/or Impact header fields, touching only those lines (added in the seed's
 * order when absent); every other byte stays as written.
 */
export function setEstimateFields(text: string, values: { effort?: string | null; impact?: string | null }): string {
  const doc = splitDoc(text);
  if (values.effort) setHeaderField(doc.lines, 'Effort', values.effort);
  if (values.impact) setHeaderField(doc.lines, 'Impact', values.impact);
  return joinDoc(doc);
}
