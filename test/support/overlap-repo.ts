import { batchRunner, runnerLedger, SMALL_REPO } from './drafting-repo.mjs';
import { makeRepo } from './llm-fixture-repo.js';

/*
 * The drafting fixture repository plus an open plan of the cli feature, `batch-runner`, that
 * already covers the batch schema the recorded draft (`anthropic/draft-valid`) plans again, and a
 * ledger with some of its steps done.
 */

/** A temp repository with `batch-runner` at `status` and `done` of its 3 steps done, plus `extra` files. */
export function overlapRepo(status = 'approved', done = 1, extra: Record<string, string> = {}): string {
  return makeRepo({ ...SMALL_REPO, 'spec/plans/batch-runner/README.md': batchRunner(status), '.specscore/work-items.yaml': runnerLedger(done), ...extra });
}

/** What the CLI and draft_plan say about the recorded draft in `overlapRepo()`. */
export const OVERLAP_LINE =
  'cli-batch Step 1 (Define batch input schema) repeats batch-runner Step 1 (Define the batch file schema), approved: same words: batch, schema';
