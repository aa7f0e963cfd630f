import { z } from 'zod';

/** 1-based line and column of a piece of source text. */
const PositionSchema = z
  .object({
    line: z.number().int().min(1).describe('1-based line'),
    column: z.number().int().min(1).describe('1-based column'),
  })
  .describe('Where something starts in its file');
export type Position = z.infer<typeof PositionSchema>;

/** A markdown inline link `[text](href)`. */
export const LinkSchema = z
  .object({
    text: z.string().describe('Link text'),
    href: z.string().describe('Link target as written, relative to the document'),
  })
  .describe('A markdown link');
export type Link = z.infer<typeof LinkSchema>;

/** A `**Name:** value` field that the format does not define; kept verbatim. */
export const ExtraFieldSchema = z
  .object({
    name: z.string().describe('Field name without the bold markers and colon'),
    value: z.string().describe('Raw markdown value, continuation lines joined with \\n'),
  })
  .describe('A field the format does not define, kept as written');
export type ExtraField = z.infer<typeof ExtraFieldSchema>;

/** A section the format does not define, kept verbatim. */
export const ExtraSectionSchema = z
  .object({
    title: z.string().describe('Heading text'),
    depth: z.number().int().min(2).max(6).describe('Heading depth (2 for ##)'),
    body: z.string().describe('Raw markdown body up to the next heading of the same or higher level'),
  })
  .describe('A section the format does not define, kept as written');
export type ExtraSection = z.infer<typeof ExtraSectionSchema>;

/** Diagnostic severities, most severe first. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** One finding about one place in one file (CONTRACTS.md lint JSON shape). */
const DiagnosticSchema = z.object({
  file: z.string().describe('Path relative to the root, with /'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  severity: SeveritySchema,
  rule: z.string().describe('Rule id, e.g. plan/header-required'),
  message: z.string().describe('What was found and what was expected'),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** ISO calendar date YYYY-MM-DD that exists. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const IsoDateSchema = z.string().refine(isIsoDate, { message: 'expected an ISO date YYYY-MM-DD' }).describe('ISO date YYYY-MM-DD');
