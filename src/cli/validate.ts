import { UsageError } from '../model/errors.js';
import { isIsoDate } from '../model/common.js';

/**
 * The output format a command was asked for: `json` with `--json`, else `--format`, which must
 * be one of `allowed` (the first is the default). An unknown format is a usage error (exit 2).
 */
export function outputFormat<F extends string>(o: { format?: string | undefined; json?: boolean | undefined }, allowed: readonly F[]): F {
  if (o.json === true && allowed.includes('json' as F)) return 'json' as F;
  const format = o.format ?? allowed[0]!;
  if (!(allowed as readonly string[]).includes(format))
    throw new UsageError(`unknown format "${format}"`, `use ${allowed.map((a) => `--format ${a}`).join(' or ')}`);
  return format as F;
}

/** The text formats of a command with JSON output. */
export const TEXT_OR_JSON = ['text', 'json'] as const;

/** A `--date` value: a real calendar date YYYY-MM-DD, or undefined when the option was not given. */
export function dateOption(value: string | undefined): string | undefined {
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--date "${value}" is not a date`, 'use YYYY-MM-DD, e.g. 2026-03-14');
  return value;
}
