import { isIsoDate } from '../model/common.js';
import { UsageError } from '../model/errors.js';

/**
 * Today's date as YYYY-MM-DD: the one clock every dated write and report uses, injected into the
 * pure core. `SPECPLAN_TODAY=YYYY-MM-DD` pins it (reproducible runs, tests); otherwise it is the
 * calendar date where the command runs (the local time zone, `TZ`), so a plan created at 00:30
 * is dated that day for the person who created it, by the CLI and the MCP server alike.
 */
export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const pinned = env.SPECPLAN_TODAY?.trim();
  if (pinned) {
    if (!isIsoDate(pinned)) throw new UsageError(`SPECPLAN_TODAY="${pinned}" is not a date`, 'use YYYY-MM-DD, or unset it to use the current date');
    return pinned;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
