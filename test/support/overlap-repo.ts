import { makeRepo, SMALL_REPO } from './llm-fixture-repo.js';

/*
 * The drafting fixture repository plus an open plan of the cli feature, `batch-runner`, that
 * already covers the batch schema the recorded draft (`anthropic/draft-valid`) plans again, and a
 * ledger with some of its steps done.
 */

const runner = (status: string) => `# Plan: Batch runner

**Status:** ${status}
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI feature spec](../../features/cli/)
**Author:** @alex
${status === 'approved' ? '**Approver:** @jordan\n' : ''}**Created:** 2026-03-01
${status === 'approved' ? '**Approved:** 2026-03-02\n' : ''}
## Context

Run batches of items from one file.

## Acceptance criteria

- Batches run

## Steps

### 1. Define the batch file schema

Write the schema every batch file follows.

**Depends on:** (none)

**Produces:**
- \`batch-input-schema.json\` — the contract for batch files

### 2. Parse batch files

**Depends on:** Step 1

### 3. Write the user guide

**Depends on:** Step 2

## Outstanding Questions

None at this time.
`;

const ledger = (done: number) =>
  `items:\n${[1, 2, 3]
    .slice(0, done)
    .map((n) => `  - { id: B-${n}, plan: batch-runner, step: "${n}", status: done, updated: 2026-03-1${n} }`)
    .join('\n')}\n`;

/** A temp repository with `batch-runner` at `status` and `done` of its 3 steps done, plus `extra` files. */
export function overlapRepo(status = 'approved', done = 1, extra: Record<string, string> = {}): string {
  return makeRepo({ ...SMALL_REPO, 'spec/plans/batch-runner/README.md': runner(status), '.specscore/work-items.yaml': ledger(done), ...extra });
}

/** What the CLI and draft_plan say about the recorded draft in `overlapRepo()`. */
export const OVERLAP_LINE =
  'cli-batch Step 1 (Define batch input schema) repeats batch-runner Step 1 (Define the batch file schema), approved: same words: batch, schema';
