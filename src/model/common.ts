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

/**
 * True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one), in the proleptic
 * Gregorian calendar as `Date` reads it. Checked by arithmetic: it runs for every date of every
 * plan and work item, and building a `Date` for each cost a measurable share of a large lint.
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  if (month !== 2) return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (leap ? 29 : 28);
}
