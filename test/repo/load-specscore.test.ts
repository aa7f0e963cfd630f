import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadRepo } from '../../src/repo/load-repo.js';
import { planStates } from '../../src/analysis/plan-state.js';
import { CORPUS_PLANS, SPECSCORE_CORPUS, SPECSCORE_CORPUS_MISSING } from '../support/specscore-corpus.js';

const SEED_PLAN = `# Plan: Seed plan

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [cli](../../features/cli/README.md)
**Author:** @alex
**Created:** 2026-03-14

## Context

Why.

## Acceptance criteria

- It works.

## Steps

### 1. Do it

**Depends on:** (none)

## Outstanding Questions

None at this time.
`;

const LATER_PLAN = `---
format: https://specscore.md/plan-specification
status: Draft
---

# Plan: Later plan

**Status:** Draft
**Source Feature:** cli
**Date:** 2026-03-14
**Owner:** @alex
**Supersedes:** —

## Summary

What.

## Approach

How.

## Tasks

### Task 1: Do it

**Verifies:** cli#ac:works
**Depends-On:** —

## Open Questions

None at this time.

---
*This document follows the https://specscore.md/plan-specification*
`;

const roots: string[] = [];
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-format-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe.skipIf(SPECSCORE_CORPUS_MISSING !== null)('the SpecScore corpus (current format) is read whole', () => {
  const r = loadRepo(SPECSCORE_CORPUS);

  test('all 11 plans, single-file and folder, each from its own file', () => {
    expect(Object.fromEntries([...r.plans.values()].map((e) => [e.path, e.file]))).toEqual(CORPUS_PLANS);
    expect(r.format).toEqual({ format: 'specscore', source: 'index' });
    expect(r.findings.filter((f) => f.rule === 'repo/mixed-format' || f.rule === 'plan/unread-file')).toEqual([]);
  });

  test('header fields map onto the one model, statuses as model values', () => {
    const idea = r.plans.get('idea')!.parsed;
    expect(idea.plan.header).toMatchObject({ status: 'approved', author: 'alex', created: '2026-05-25', sourceType: 'feature' });
    expect(idea.plan.header.features).toEqual([{ text: 'idea', href: '../features/idea/README.md' }]);
    expect(idea.specscore?.supersedes).toBe('—');
    expect(idea.plan.steps?.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(idea.plan.context).toMatch(/^Implements the idea Feature/);
    expect(
      r.plans
        .get('v1-readiness')!
        .parsed.plan.steps?.map((s) => s.number)
        .slice(0, 7),
    ).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'B1']);
    expect(r.plans.get('v1-readiness')!.parsed.plan.steps?.[6]?.dependsOn).toEqual(['A1']);
    expect(r.plans.get('implementation-commit-provenance')!.parsed.plan.header.status).toBe('implemented');
    expect(r.plans.get('decision')!.parsed.specscore?.snapshots?.length).toBeGreaterThan(0);
  });

  test('completion recorded in the plans themselves reaches the one plan state', () => {
    const states = planStates(r, []).plans;
    expect(states.get('implementation-commit-provenance')).toMatchObject({ completed: true, progress: { done: 3, total: 3 } });
    expect(states.get('unify-task-status-vocabulary')).toMatchObject({ completed: true, progress: { done: 4, total: 4 } });
    expect(states.get('v1-readiness')).toMatchObject({ completed: false, inProgress: true, progress: { done: 1, total: 12 } });
    expect(states.get('idea')).toMatchObject({ completed: false, inProgress: false });
  });
});

describe('markdown files under spec/plans/ that are not read as plans get a finding', () => {
  test('spec/plans/foo.md in a seed-format repository', () => {
    const r = loadRepo(repo({ 'spec/plans/ok/README.md': SEED_PLAN, 'spec/plans/foo.md': '# Notes\n\nSome notes.\n' }));
    expect(r.findings.map((f) => `${f.file} ${f.rule}`)).toEqual(['spec/plans/foo.md plan/unread-file']);
    expect([...r.plans.keys()]).toEqual(['ok']);
  });

  test('a lower-case readme.md and a folder without README.md', () => {
    const r = loadRepo(
      repo({
        'spec/plans/ok/README.md': SEED_PLAN,
        'spec/plans/x/readme.md': SEED_PLAN,
        'spec/plans/y/plan.md': SEED_PLAN,
        'spec/plans/ok/z/readme.md': SEED_PLAN,
      }),
    );
    expect(r.findings.map((f) => `${f.file} ${f.rule}`).sort()).toEqual([
      'spec/plans/ok/z/readme.md plan/unread-file',
      'spec/plans/x/readme.md plan/unread-file',
      'spec/plans/y/plan.md plan/unread-file',
    ]);
    expect(r.findings.find((f) => f.file === 'spec/plans/x/readme.md')?.message).toMatch(/expected "README.md"/);
  });
});

describe('a mixed-format repository gives one finding, in both directions', () => {
  test('a seed repository with one current-format plan', () => {
    const r = loadRepo(repo({ 'spec/plans/a/README.md': SEED_PLAN, 'spec/plans/b/README.md': SEED_PLAN, 'spec/plans/later.md': LATER_PLAN }));
    expect(r.format).toEqual({ format: 'seed', source: 'plans' });
    expect([...r.plans.keys()].sort()).toEqual(['a', 'b', 'later']);
    const mixed = r.findings.filter((f) => f.rule === 'repo/mixed-format');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]).toMatchObject({ file: 'spec/plans/later.md', severity: 'error' });
    expect(mixed[0]!.message).toMatch(/1 plan\(s\) are in the current SpecScore format .* uses the seed .*: later;/);
  });

  test('a current-format repository (declared in specscore.yaml) with one seed plan', () => {
    const r = loadRepo(
      repo({
        'specscore.yaml': 'planning:\n  format: specscore\n',
        'spec/plans/a.md': LATER_PLAN,
        'spec/plans/b.md': LATER_PLAN,
        'spec/plans/old/README.md': SEED_PLAN,
      }),
    );
    expect(r.format).toEqual({ format: 'specscore', source: 'config' });
    const mixed = r.findings.filter((f) => f.rule === 'repo/mixed-format');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]!.message).toMatch(
      /in the seed \(first published\) format while the repository uses the current SpecScore format \(as planning.format says\): old;/,
    );
  });

  test('planning.format: seed overrides what the documents say', () => {
    const r = loadRepo(repo({ 'specscore.yaml': 'planning:\n  format: seed\n', 'spec/plans/a.md': LATER_PLAN }));
    expect(r.format).toEqual({ format: 'seed', source: 'config' });
    expect(r.findings.filter((f) => f.rule === 'repo/mixed-format')).toHaveLength(1);
  });
});
