import { appendFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/repo/load-repo.js';
import { quickCheck } from '../../src/app/whats-next-quick-check.js';
import { contentDigest, scanFeaturesDigest, scanPlanDigests, featureTextsDigest } from '../../src/repo/raw-prints.js';
import { runWhatsNextUpdate } from '../../src/app/whats-next.js';
import { tempCopy } from '../support/repo.js';
import { copyExample, git, gitInit, planDoc, read, REPORT, write } from '../support/whats-next-helpers.js';

/** The example as a git repository right after a full run: made once, copied for each test. */
let template: string;
beforeAll(async () => {
  template = copyExample();
  gitInit(template);
  await runWhatsNextUpdate({ root: template, mode: 'full', model: { provider: 'none' }, today: '2026-04-03' });
});

async function fresh(): Promise<string> {
  return tempCopy(template, 'wn-fresh-');
}

const check = (root: string) => quickCheck(root, read(root, REPORT), 5);
const current = async (root: string) => (await check(root)).current;

describe('recognizing an unchanged repository without parsing it', () => {
  it('reads the same plans and feature texts as the loader', () => {
    const root = copyExample();
    write(root, 'spec/plans/billing-roadmap/notes/README.md', '# not a plan with steps, but a README all the same\n');
    const repo = loadRepo(root);
    const scanned = scanPlanDigests(root);
    expect([...scanned.keys()].sort()).toEqual([...repo.plans.keys()].sort());
    for (const [p, e] of repo.plans) expect(scanned.get(p), p).toBe(contentDigest(e.text));
    expect(scanFeaturesDigest(root)).toBe(featureTextsDigest([...repo.features.values()].map((f) => [f.path, f.text] as const)));
  });

  it('is up to date right after a run, and after a run that found nothing to do', async () => {
    const root = await fresh();
    expect(await current(root)).toBe(true);
    const again = await runWhatsNextUpdate({ root, mode: 'incremental', model: { provider: 'none' }, today: '2026-04-09' });
    expect(again.status).toBe('up-to-date');
    expect(again.result).toBeNull(); // decided without loading the repository
  });

  it.each([
    ['a plan edited', (r: string) => appendFileSync(path.join(r, 'spec/plans/csv-export/README.md'), '\nMore context.\n')],
    ['a plan added', (r: string) => write(r, 'spec/plans/new-plan/README.md', planDoc('new-plan', { status: 'draft' }))],
    ['a child plan added', (r: string) => write(r, 'spec/plans/user-auth/mfa/README.md', planDoc('user-auth/mfa', { status: 'draft' }))],
    ['a plan removed', (r: string) => rmSync(path.join(r, 'spec/plans/legacy-export'), { recursive: true })],
    [
      'the ledger changed',
      (r: string) =>
        appendFileSync(
          path.join(r, '.specscore/work-items.yaml'),
          '  - { id: ACME-124, plan: csv-export, step: "1", status: in_progress, updated: 2026-04-04 }\n',
        ),
    ],
    ['a feature status changed', (r: string) => write(r, 'spec/features/search/README.md', '# Feature: Search\n\n**Status:** Draft\n')],
    [
      'a Plan-Step trailer merged',
      (r: string) => {
        write(r, 'notes.txt', 'x\n');
        git(r, 'add', '-A');
        git(r, 'commit', '-q', '-m', 'Start CSV export\n\nPlan-Step: csv-export#1');
      },
    ],
  ])('notices %s, in the work tree and once committed', async (_what, change) => {
    const root = await fresh();
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'report');
    expect(await check(root)).toEqual({ current: true, by: 'git' });
    change(root);
    expect(await current(root)).toBe(false);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '--allow-empty', '-m', 'the change');
    expect(await current(root)).toBe(false);
  });

  it('compares through git while only files that are no input of the report differ, and reads the READMEs once one does', async () => {
    const root = await fresh();
    expect(await check(root)).toEqual({ current: true, by: 'git' });
    write(root, 'spec/features/search/notes.txt', 'not an input\n');
    expect(await check(root)).toEqual({ current: true, by: 'git' });
    appendFileSync(path.join(root, 'spec/plans/csv-export/README.md'), '\nMore context.\n');
    expect(await check(root)).toEqual({ current: false, by: 'texts' });
  });

  it('records a new print after a commit that changes no input of the report, so the next check is fast again', async () => {
    const root = await fresh();
    const before = read(root, REPORT);
    write(root, 'spec/plans/csv-export/acs/README.md', '# Acceptance notes\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'notes');
    expect(await check(root)).toEqual({ current: false, by: 'git' });
    const run = await runWhatsNextUpdate({ root, mode: 'incremental', model: { provider: 'none' }, today: '2026-04-09' });
    expect(run.status).toBe('written');
    const body = (t: string) => t.slice(0, t.indexOf('<!-- whats-next-state'));
    expect(body(read(root, REPORT))).toBe(body(before));
    expect(await check(root)).toEqual({ current: true, by: 'git' });
  });

  it('keeps no print from a run whose READMEs changed while it read them', async () => {
    const root = await fresh();
    const { rawPrints } = await import('../../src/repo/raw-prints.js');
    const { trackedPrint } = await import('../../src/repo/tracked-print.js');
    const now = await trackedPrint(root);
    expect(now).toMatch(/^[0-9a-f]{32}$/);
    expect((await rawPrints(root, () => [], now)).tracked).toBe(now);
    expect((await rawPrints(root, () => [], 'f'.repeat(32))).tracked).toBe('-');
  });
});

describe('an edit that changes nothing the report shows', () => {
  it('passes --check, and the next run refreshes only the state so later runs stay fast', async () => {
    const root = await fresh();
    const before = read(root, REPORT);
    appendFileSync(path.join(root, '.specscore/work-items.yaml'), '# synced from the tracker\n');
    expect(await current(root)).toBe(false);
    const check = await runWhatsNextUpdate({ root, mode: 'incremental', check: true, today: '2026-04-05' });
    expect(check.status).toBe('current');
    const run = await runWhatsNextUpdate({ root, mode: 'incremental', model: { provider: 'none' }, today: '2026-04-05' });
    expect(run.status).toBe('written');
    const after = read(root, REPORT);
    const body = (t: string) => t.slice(0, t.indexOf('<!-- whats-next-state'));
    expect(body(after)).toBe(body(before)); // same Generated date, same text
    expect(after).not.toBe(before);
    expect(await current(root)).toBe(true);
  });
});
