import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { makeSpecRepo } from './repo.js';

const created: string[] = [];

/** Temp repositories of the importing test file are removed when its tests are done. */
afterAll(() => {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Files of a small spec repository used by the drafting tests (root-relative path → text). */
export const SMALL_REPO: Record<string, string> = {
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

/** Write a spec repository into a fresh temp folder (optionally a git repository) and return its root. */
export function makeRepo(files: Record<string, string> = SMALL_REPO, opts: { git?: boolean } = {}): string {
  const root = makeSpecRepo({ prefix: 'specplan-llm-', files, git: opts.git === true });
  created.push(root);
  return root;
}

/** Every file under the root (except .git and .specscore/write.lock) with its text, for "nothing changed" checks. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      if (name === '.git' || name === 'write.lock') continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(path.join(root, r));
      if (st.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(root, r), 'utf8');
    }
  };
  walk('');
  return out;
}
