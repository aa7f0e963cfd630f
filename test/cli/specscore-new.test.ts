import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { changedFiles, runCli, snapshot, tempCopy } from '../support/index-helpers.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { lintRepo } from '../../src/lint/index.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fixtures/later-format');

describe('specplan new in a repository of the current SpecScore format', () => {
  test('writes a Draft single-file plan of that format, its index row and its feature back-reference, nothing else', async () => {
    const root = tempCopy(FIXTURE, 'specplan-new-later-');
    const before = snapshot(root);
    const run = await runCli(['new', 'batch-output', '--title', 'Batch output', '--author', '@sam', '--feature', 'cli', '--root', root]);
    expect(run.code).toBe(0);
    expect(changedFiles(before, snapshot(root)).sort()).toEqual(['spec/features/cli/README.md', 'spec/plans/README.md', 'spec/plans/batch-output.md']);
    expect(readFileSync(path.join(root, 'spec/features/cli/README.md'), 'utf8')).toContain(
      '| [batch-output](../../plans/batch-output.md) | Draft | @sam | - |',
    );
    const repo = loadRepo(root);
    const plan = repo.plans.get('batch-output')!;
    expect(plan.file).toBe('spec/plans/batch-output.md');
    expect(plan.parsed.specscore).toMatchObject({ writtenStatus: 'Draft', sourceFeature: 'cli', supersedes: '—', footer: { last: true } });
    expect(plan.parsed.plan.header).toMatchObject({ status: 'draft', author: '@sam' });
    expect(readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8')).toContain('| [batch-output](batch-output.md) | draft | cli | - | - | @sam | - |');
    // The only finding on the new plan is the AC it still has to name.
    const own = lintRepo(repo).diagnostics.filter((d) => d.file === plan.file);
    expect(own.map((d) => d.rule)).toEqual(['specscore/verifies']);
  });

  test('refuses what the format does not have, writing nothing', async () => {
    const root = tempCopy(FIXTURE, 'specplan-new-later-');
    const before = snapshot(root);
    const two = await runCli(['new', 'x', '--title', 'X', '--author', '@sam', '--feature', 'cli', '--feature', 'other', '--root', root]);
    expect(two.code).toBe(2);
    const dup = await runCli(['new', 'approved', '--title', 'X', '--author', '@sam', '--feature', 'cli', '--root', root]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/plan approved already exists/);
    expect(changedFiles(before, snapshot(root))).toEqual([]);
  });
});
