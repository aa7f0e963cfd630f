import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autoCreateCandidates } from '../../src/app/sync.js';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { RULE_FIXTURES, tempCopy } from '../support/index-helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The source-links fixture with the plan's Source written as `source` and no Plan row on the proposal. */
function repoWithSource(source: string): string {
  const root = tempCopy(path.join(RULE_FIXTURES, 'plan/source-links/ok'));
  dirs.push(root);
  const plan = path.join(root, 'spec/plans/add-batch-mode/README.md');
  writeFileSync(plan, readFileSync(plan, 'utf8').replace(/^\*\*Source:\*\* .*$/m, `**Source:** ${source}`));
  const proposal = path.join(root, 'spec/features/cli/proposals/batch-mode/README.md');
  writeFileSync(proposal, readFileSync(proposal, 'utf8').replace(/^\| Plan \|.*\n/m, ''));
  return root;
}

describe('Source links are read once, by the link reader', () => {
  for (const source of [
    '[Batch mode proposal](../../features/cli/proposals/batch-mode/ "the proposal")',
    '[Batch mode proposal](<../../features/cli/proposals/batch-mode/>)',
  ]) {
    it(`a proposal named as Source by ${source} has a plan, for sync as for lint`, () => {
      const repo = loadRepo(repoWithSource(source));
      const entry = repo.plans.get('add-batch-mode')!;
      const lint = lintRepo(repo).diagnostics.filter((d) => d.rule === 'plan/source-links');
      expect(lint).toEqual([]);
      expect(autoCreateCandidates(repo).map((c) => c.id)).toEqual([]);
      expect(entry.parsed.sourceLinks.map((l) => l.href)).toEqual(['../../features/cli/proposals/batch-mode/']);
    });
  }
});
