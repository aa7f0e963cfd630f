/** Limits of the Streamable HTTP server, shared with the CLI's help text (this file imports nothing). */

/** Sessions open at once unless `--max-sessions` says otherwise (the documented load test runs 50). */
export const DEFAULT_MAX_SESSIONS = 64;
/** The largest `--max-sessions` accepted. */
export const MAX_SESSIONS_LIMIT = 1000;
/** A session with no request in flight for this long is closed. */
export const DEFAULT_IDLE_MS = 30 * 60_000;
