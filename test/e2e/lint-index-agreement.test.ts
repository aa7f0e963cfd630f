import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempCopy } from '../support/index-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

const EXAMPLE = path.resolve('examples/acme-spec');

/** Files `specplan lint` blames for index or back-reference drift (not for rows naming missing features, which regenerating keeps). */
async function lintDrift(root: string): Promise<string[]> {
  const r = await runCli(['lint', '--json', '--root', root]);
  const diagnostics = JSON.parse(r.stdout).diagnostics as Array<{ file: string; rule: string }>;
  return [
    ...new Set(diagnostics.filter((d) => (d.rule.startsWith('index/') && d.rule !== 'index/features') || d.rule === 'feature/plans-table').map((d) => d.file)),
  ].sort();
}

/** Files `specplan index --check` would rewrite. */
async function indexDrift(root: string): Promise<string[]> {
  const r = await runCli(['index', '--check', '--json', '--root', root]);
  return (JSON.parse(r.stdout).changed as string[]).sort();
}

async function expectAgreement(root: string): Promise<string[]> {
  const [lint, index] = [await lintDrift(root), await indexDrift(root)];
  expect(lint).toEqual(index);
  return index;
}

describe('specplan lint and specplan index --check agree', () => {
  test('on the bundled example: both clean, and the same drift when execution moves on or goes away', async () => {
    const root = tempCopy(EXAMPLE);
    expect(await expectAgreement(root)).toEqual([]);
    expect((await runCli(['lint', '--root', root])).code).toBe(0);
    expect((await runCli(['index', '--check', '--root', root])).code).toBe(0);

    // invoice-pdf completes: the roadmap's Progress and Recently Closed change, its status does not.
    const ledger = path.join(root, '.specscore/work-items.yaml');
    const text = readFileSync(ledger, 'utf8');
    const more = ['1', '2', '3']
      .map((s) => `  - { id: ACME-9${s}, plan: billing-roadmap/invoice-pdf, step: "${s}", status: done, updated: 2026-04-10 }`)
      .join('\n');
    writeFileSync(ledger, `${text.trimEnd()}\n${more}\n`);
    expect(await expectAgreement(root)).toEqual(['spec/plans/README.md']);
    const lint = await runCli(['lint', '--root', root]);
    expect(lint.stdout).toContain('has Progress "1/3 plans"; expected "2/3 plans" from the work items');
    expect(lint.stdout).toContain('Recently Closed does not list the plans closed most recently; expected invoice-pdf (completed 2026-04-10)');

    // Without a ledger the roadmap's status follows its children's statuses again.
    rmSync(ledger);
    expect(await expectAgreement(root)).toEqual(['spec/features/billing/README.md', 'spec/features/billing/invoicing/README.md', 'spec/plans/README.md']);
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    expect(await expectAgreement(root)).toEqual([]);
  });

  SYNCHESTRA.it('on the synchestra corpus: the same six feature tables, then clean after specplan index', async () => {
    const root = tempCopy(CORPUS_ROOT);
    expect(await expectAgreement(root)).toHaveLength(6);
    expect((await runCli(['index', '--root', root])).code).toBe(0);
    expect(await expectAgreement(root)).toEqual([]);
  });
});

describe('specplan status gives true reasons on the bundled example', () => {
  test('one child completed and the others untouched: in progress, and it says so', async () => {
    const r = await runCli(['status', '--root', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'billing-roadmap: in_progress (roadmap, derived: 1 of 3 child plans completed, the others not started), 3/8 steps, 1/3 child plans completed, in progress\n',
    );
  });
});
