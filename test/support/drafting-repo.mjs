/**
 * The small spec repository of the drafting tests and of bench/drafting-scenarios.mjs, as data
 * (root-relative path → text): one module both read, so the bench drafts against the repository
 * the tests draft against. Plain JavaScript so that node runs the bench without a build step.
 */

/** Files of a small spec repository used by the drafting tests (root-relative path → text). */
export const SMALL_REPO = {
  'specscore.yaml': 'planning:\n  auto_create: false\n  llm:\n    provider: auto\n    max_attempts: 2\n',
  'spec/features/cli/README.md': `# Feature: CLI

**Status:** Approved

## Summary

The command-line interface runs single items and batches of items against the service.

## Behavior

### Batch input

A batch file lists items in YAML or JSON.

### Batch execution

Items run concurrently with a configurable limit.

### Reporting

A summary table is printed at the end.

## Acceptance Criteria

- All new CLI flags appear in help output
- A batch of 100 items completes in under 10 seconds

## Proposals

> Proposals are change requests and are not part of the current specification.

- [batch-mode](proposals/batch-mode/README.md)

## Outstanding Questions

None at this time.
`,
  'spec/features/cli/proposals/batch-mode/README.md': `# Proposal: Batch mode

> Proposals are change requests and are not part of the current specification unless and until their content is incorporated into this feature's main README.

| Field | Value |
|---|---|
| Status | \`approved\` |
| Submitter | \`@alex\` |

## Summary

Add a --batch flag that reads many items from one file.

## Proposed Change

### Batch flag

Add \`--batch <file>\`.

### Fail-fast option

Stop at the first failing item with \`--fail-fast\`.

## Outstanding Questions

None at this time.
`,
  'spec/features/api/README.md': `# Feature: API

**Status:** Stable

## Summary

The REST API.

## Outstanding Questions

None at this time.
`,
  'spec/plans/README.md': `# Plans

| Plan | Status | Features | Effort | Impact | Author | Approved |
|---|---|---|---|---|---|---|

## Recently Closed

(none)

## Diagram Conventions

All diagrams in development plans use mermaid syntax.

## Outstanding Questions

None at this time.
`,
};

/** `batch-runner`, an open plan of the cli feature at `status`: its Step 1 is the batch schema the recorded draft plans again. */
export const batchRunner = (status) => `# Plan: Batch runner

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

/** A ledger with the first `done` of batch-runner's 3 steps done. */
export const runnerLedger = (done) =>
  `items:\n${[1, 2, 3]
    .slice(0, done)
    .map((n) => `  - { id: B-${n}, plan: batch-runner, step: "${n}", status: done, updated: 2026-03-1${n} }`)
    .join('\n')}\n`;
