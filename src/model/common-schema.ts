import { z } from 'zod';
import { SEVERITIES } from './common.js';

/** 1-based line and column of a piece of source text. */
export const PositionSchema = z
  .object({
    line: z.number().int().min(1).describe('1-based line'),
    column: z.number().int().min(1).describe('1-based column'),
  })
  .describe('Where something starts in its file');

/** A markdown inline link `[text](href)`. */
export const LinkSchema = z
  .object({
    text: z.string().describe('Link text'),
    href: z.string().describe('Link target as written, relative to the document'),
  })
  .describe('A markdown link');

/** A `**Name:** value` field that the format does not define; kept verbatim. */
export const ExtraFieldSchema = z
  .object({
    name: z.string().describe('Field name without the bold markers and colon'),
    value: z.string().describe('Raw markdown value, continuation lines joined with \\n'),
  })
  .describe('A field the format does not define, kept as written');

/** A section the format does not define, kept verbatim. */
export const ExtraSectionSchema = z
  .object({
    title: z.string().describe('Heading text'),
    depth: z.number().int().min(2).max(6).describe('Heading depth (2 for ##)'),
    body: z.string().describe('Raw markdown body up to the next heading of the same or higher level'),
  })
  .describe('A section the format does not define, kept as written');

/** A diagnostic severity. */
export const SeveritySchema = z.enum(SEVERITIES);

/** One finding about one place in one file (CONTRACTS.md lint JSON shape). */
export const DiagnosticSchema = z.object({
  file: z.string().describe('Path relative to the root, with /'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  severity: SeveritySchema,
  rule: z.string().describe('Rule id, e.g. plan/header-required'),
  message: z.string().describe('What was found and what was expected'),
});
