import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoCreateCandidates } from '../../src/app/sync.js';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { useMsw } from '../support/msw.js';
import { makeRepo, snapshot, SMALL_REPO } from '../support/llm-fixture-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();

const EXPORT = `# Feature: Export

**Status:** Approved

## Summary

Export results as CSV.

## Behavior

### CSV writer

Writes rows.

## Outstanding Questions

None at this time.
`;

const ENABLED = { ...SMALL_REPO, 'specscore.yaml': 'planning:\n  auto_create: true\n  llm:\n    max_attempts: 2\n', 'spec/features/export/README.md': EXPORT };

describe('specplan sync (planning.auto_create)', () => {
  it('does nothing when auto_create is false', async () => {
    const root = makeRepo();
    const before = snapshot(root);
    const run = await runCli(['sync', '--root', root, '--provider', 'none']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('planning.auto_create is false in specscore.yaml: nothing to do');
    expect(snapshot(root)).toEqual(before);
  });

  it('finds approved proposals and features without a plan', () => {
    const repo = loadRepo(makeRepo(ENABLED));
    expect(autoCreateCandidates(repo).map((c) => `${c.source.kind} ${c.id}`)).toEqual(['proposal cli/batch-mode', 'feature cli', 'feature export']);
  });

  it('drafts one plan per candidate, skipping what an earlier draft covered; a second run is a no-op', async () => {
    const root = makeRepo(ENABLED, { git: true });
    const run = await runCli(['sync', '--root', root, '--provider', 'none', '--date', '2026-03-14']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('drafted batch-mode for cli/batch-mode');
    expect(run.stdout).toContain('drafted export for export');
    expect(run.stdout).not.toContain('for cli\n');
    expect(existsSync(path.join(root, 'spec/plans/batch-mode/README.md'))).toBe(true);
    expect(existsSync(path.join(root, 'spec/plans/export/README.md'))).toBe(true);
    expect(lintRepo(loadRepo(root)).errorCount).toBe(0);
    const before = snapshot(root);
    const again = await runCli(['sync', '--root', root, '--provider', 'none']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('every approved proposal and feature has a plan\n');
    expect(snapshot(root)).toEqual(before);
  });

  it('--dry-run lists what it would draft and writes nothing', async () => {
    const root = makeRepo(ENABLED);
    const before = snapshot(root);
    const run = await runCli(['sync', '--root', root, '--provider', 'none', '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { drafted: Array<{ source: string; plan: string }> };
    expect(doc.drafted.map((d) => `${d.source} → ${d.plan}`)).toEqual(['cli/batch-mode → batch-mode', 'cli → cli', 'export → export']);
    expect(snapshot(root)).toEqual(before);
  });

  it('--dry-run with a model spends no model call and says what a real run would spend', async () => {
    const root = makeRepo(ENABLED);
    const before = snapshot(root);
    const replay = msw.replay('anthropic/draft-valid');
    const run = await runCli(['sync', '--root', root, '--dry-run'], { ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(run.code, run.stderr).toBe(0);
    expect(replay.calls).toHaveLength(0);
    expect(run.stdout).toContain('would draft batch-mode for cli/batch-mode');
    expect(run.stderr).toContain('dry run: no model was asked; a real run makes at least 3 model calls');
    expect(run.stderr).toContain('usage: 0 LLM calls');
    expect(snapshot(root)).toEqual(before);
  });

  it('a draft that stays invalid is reported (exit 1) and the others are still written', async () => {
    const root = makeRepo(ENABLED);
    const replay = msw.replay(['anthropic/invalid-every-attempt', 'anthropic/draft-valid', 'anthropic/draft-valid']);
    const run = await runCli(['sync', '--root', root, '--date', '2026-03-14'], { ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(run.code).toBe(1);
    replay.assertDone();
    expect(run.stderr).toContain('could not draft a plan for cli/batch-mode');
    expect(run.stderr).toContain('usage: 4 LLM calls');
    expect(existsSync(path.join(root, 'spec/plans/batch-mode/README.md'))).toBe(false);
    expect(run.stdout).toContain('drafted cli for cli');
    expect(run.stdout).toContain('drafted export for export');
    expect(lintRepo(loadRepo(root)).errorCount).toBe(0);
  });
});
