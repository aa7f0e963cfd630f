/** Type declarations for test/support/drafting-repo.mjs (plain JavaScript, read by the bench too). */

/** Files of a small spec repository used by the drafting tests (root-relative path → text). */
export const SMALL_REPO: Readonly<Record<string, string>>;
/** `batch-runner`, an open plan of the cli feature at `status`. */
export function batchRunner(status: string): string;
/** A ledger with the first `done` of batch-runner's 3 steps done. */
export function runnerLedger(done: number): string;
