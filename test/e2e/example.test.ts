import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { parseWhatsNext } from '../../src/parse/whats-next.js';
import { readLedger } from '../../src/repo/execution.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { computeIndexChanges } from '../../src/edit/index-sync.js';
import { cli } from '../support/whats-next-helpers.js';

const EXAMPLE = path.resolve('examples/acme-spec');

describe('the bundled example spec repository', () => {
  it('lints clean and its index and back-references are in sync', async () => {
    const repo = loadRepo(EXAMPLE);
    const lint = lintRepo(repo);
    expect(lint.diagnostics).toEqual([]);
    expect(computeIndexChanges(repo, { items: (await readLedger(EXAMPLE)).items }).map((c) => c.file)).toEqual([]);
  });

  it('has plans in every status, a roadmap with children, a proposal and a ledger', async () => {
    const repo = loadRepo(EXAMPLE);
    const statuses = new Set([...repo.plans.values()].map((p) => p.parsed.plan.header.status));
    expect([...statuses].sort()).toEqual(['approved', 'draft', 'in_review', 'superseded']);
    expect(repo.plans.get('billing-roadmap')?.children).toHaveLength(3);
    expect([...repo.proposals.keys()]).toEqual(['notifications/weekly-digest']);
    expect((await readLedger(EXAMPLE)).items.length).toBeGreaterThan(5);
  });

  it('ships a WHATS-NEXT.md whose embedded state incremental mode can use', () => {
    const p = parseWhatsNext(readFileSync(path.join(EXAMPLE, 'spec/plans/WHATS-NEXT.md'), 'utf8'));
    expect(p.kind).toBe('ok');
    expect(p.kind === 'ok' && p.handEdited).toBe(false);
  });

  it("the README's first command runs offline on it without touching the example", async () => {
    const before = readFileSync(path.join(EXAMPLE, 'spec/plans/WHATS-NEXT.md'), 'utf8');
    const res = await cli(['--root', EXAMPLE, '--provider', 'none', '--dry-run'], { SPECPLAN_TODAY: '2026-04-03' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('**Mode:** incremental');
    expect(res.stdout).toContain('- [billing-roadmap/billing-ledger](billing-roadmap/billing-ledger/) — completed 2026-04-02');
    expect(res.stdout).toContain(
      '1. **[billing-roadmap/invoice-pdf](billing-roadmap/invoice-pdf/)** — Impact: high, Effort: M. Ready to start (approved): unblocked by billing-roadmap/billing-ledger completion',
    );
    expect(readFileSync(path.join(EXAMPLE, 'spec/plans/WHATS-NEXT.md'), 'utf8')).toBe(before);
  });
});

describe('the CI recipes in examples/ci', () => {
  it('the GitHub Actions workflow is valid YAML and runs whats-next --incremental --commit with full history', async () => {
    const { parse } = await import('yaml');
    const wf = parse(readFileSync(path.resolve('examples/ci/whats-next.yml'), 'utf8')) as {
      jobs: { update: { steps: Array<{ run?: string; with?: Record<string, unknown> }> } };
      permissions: Record<string, string>;
    };
    const steps = wf.jobs.update.steps;
    expect(steps.some((s) => s.run?.includes('whats-next --incremental --commit'))).toBe(true);
    expect(steps.some((s) => s.with?.['fetch-depth'] === 0)).toBe(true);
    expect(wf.permissions.contents).toBe('write');
  });

  it('the post-merge hook is a valid shell script that never fails the merge', async () => {
    const { execFileSync } = await import('node:child_process');
    const hook = path.resolve('examples/ci/post-merge');
    execFileSync('sh', ['-n', hook]);
    const text = readFileSync(hook, 'utf8');
    expect(text).toContain('whats-next --incremental --commit');
    expect(text.trimEnd().endsWith('exit 0')).toBe(true);
  });
});

describe('inferred estimates', () => {
  it('are the ones `specplan suggest` shows (the shared rule-based estimator)', async () => {
    const { estimatePlan } = await import('../../src/analysis/estimate.js');
    const { gatherFacts } = await import('../../src/whats-next/facts.js');
    const repo = loadRepo(EXAMPLE);
    const facts = gatherFacts(repo, (await readLedger(EXAMPLE)).items);
    const search = facts.find((f) => f.path === 'search-indexing')!;
    const e = estimatePlan(repo, repo.plans.get('search-indexing')!);
    expect(search.effort).toBeNull();
    expect(search.estimate).toMatchObject({ effort: e.effort, impact: e.impact, effortEvidence: e.evidence.effort[0] });
    const child = facts.find((f) => f.path === 'billing-roadmap/payment-retries')!;
    expect([child.effort, child.impact]).toEqual(['S', 'high']); // from the roadmap's Child Plans row, not inferred
  });
});
