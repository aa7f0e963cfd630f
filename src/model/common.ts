import type { z } from 'zod';
import type { DiagnosticSchema, ExtraFieldSchema, ExtraSectionSchema, LinkSchema, PositionSchema } from './common-schema.js';

/** 1-based line and column of a piece of source text. */
export type Position = z.infer<typeof PositionSchema>;
/** A markdown inline link `[text](href)`. */
export type Link = z.infer<typeof LinkSchema>;
/** A `**Name:** value` field that the format does not define; kept verbatim. */
export type ExtraField = z.infer<typeof ExtraFieldSchema>;
/** A section the format does not define, kept verbatim. */
export type ExtraSection = z.infer<typeof ExtraSectionSchema>;

/** Diagnostic severities, most severe first. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One finding about one place in one file (CONTRACTS.md lint JSON shape). */
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** A date written `YYYY-MM-DD`, its year, month and day captured. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
