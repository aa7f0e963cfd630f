import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWhatsNextUpdate } from '../../src/app/whats-next.js';
import { cli, copyExample, git, gitInit, read, REPORT, write } from '../support/whats-next-helpers.js';

const offline = (root: string, ...flags: string[]) => ['--root', root, '--provider', 'none', ...flags];
const at = (date: string) => ({ SPECPLAN_TODAY: date });

function snapshot(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = statSync(abs).mtimeMs;
    }
  };
  walk(dir);
  return out;
}

describe('whats-next CLI', () => {
  it('--check exits 1 while the report is out of date and 0 once it is regenerated', async () => {
    const root = copyExample();
    const before = read(root, REPORT);
    const stale = await cli(['--root', root, '--check'], at('2026-04-03'));
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('spec/plans/WHATS-NEXT.md is out of date; run whats-next --incremental');
    expect(read(root, REPORT)).toBe(before);
    expect((await cli(offline(root, '--incremental'), at('2026-04-03'))).code).toBe(0);
    const fresh = await cli(['--root', root, '--check'], at('2026-04-20'));
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toContain('is up to date');
  });

  it('--commit commits only WHATS-NEXT.md, and nothing when it did not change', async () => {
    const root = copyExample();
    gitInit(root);
    write(root, 'spec/plans/csv-export/NOTES.md', 'work in progress, not for this commit\n');
    git(root, 'add', 'spec/plans/csv-export/NOTES.md');
    const res = await cli(offline(root, '--incremental', '--commit'), at('2026-04-03'));
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('committed spec/plans/WHATS-NEXT.md');
    expect(git(root, 'log', '-1', '--format=%s')).toBe('chore: update WHATS-NEXT.md (incremental)\n');
    expect(git(root, 'show', '--name-only', '--format=', 'HEAD')).toBe('spec/plans/WHATS-NEXT.md\n');
    expect(git(root, 'status', '--porcelain')).toBe('A  spec/plans/csv-export/NOTES.md\n');
    const again = await cli(offline(root, '--incremental', '--commit'), at('2026-04-04'));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to commit');
    expect(git(root, 'rev-list', '--count', 'HEAD')).toBe('2\n');
  });

  it('--json prints the structured report with usage', async () => {
    const root = copyExample();
    const res = await cli(offline(root, '--incremental', '--json'), at('2026-04-03'));
    expect(res.code).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(Object.keys(r).sort()).toEqual([
      'changed',
      'completed',
      'generated',
      'inProgress',
      'mode',
      'needsRework',
      'questions',
      'reasoning',
      'recommended',
      'usage',
    ]);
    expect(r.needsRework).toEqual([]);
    expect(r).toMatchObject({ mode: 'incremental', generated: '2026-04-03', changed: true, usage: { llmCalls: 0, inputTokens: 0, outputTokens: 0 } });
    expect(r.completed).toEqual([{ plan: 'billing-roadmap/billing-ledger', completedOn: '2026-04-02' }]);
    expect(r.inProgress).toEqual([{ plan: 'user-auth', done: 2, total: 4, blockers: ['ACME-122'] }]);
    expect(r.recommended).toHaveLength(5);
    expect(Object.keys(r.recommended[0]).sort()).toEqual(['effort', 'impact', 'inferred', 'need', 'plan', 'rank', 'reasons', 'score']);
    expect(r.recommended[0]).toMatchObject({ plan: 'billing-roadmap/invoice-pdf', rank: 1, effort: 'M', impact: 'high', inferred: [] });
    expect(r.recommended.find((e: { plan: string }) => e.plan === 'search-indexing').inferred).toEqual(['effort', 'impact']);
  });

  it('a bare whats-next follows planning.whats_next and says so when it is disabled', async () => {
    const root = copyExample();
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  whats_next: disabled\n');
    const before = read(root, REPORT);
    const res = await cli(offline(root), at('2026-04-03'));
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('planning.whats_next is "disabled"');
    expect(read(root, REPORT)).toBe(before);
    const explicit = await cli(offline(root, '--full'), at('2026-04-03'));
    expect(explicit.code).toBe(0);
    expect(read(root, REPORT)).toContain('**Mode:** full');
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  whats_next: incremental\n');
    const bare = await cli(offline(root), at('2026-04-04'));
    expect(bare.stderr).toContain('is up to date');
  });

  it('--dry-run prints the report and writes nothing', async () => {
    const root = copyExample();
    const before = snapshot(root);
    const res = await cli(offline(root, '--dry-run'), at('2026-04-03'));
    expect(res.code).toBe(0);
    expect(res.stdout.startsWith("# What's Next\n\n**Generated:** 2026-04-03\n**Mode:** incremental\n")).toBe(true);
    expect(res.stdout).toContain('<!-- whats-next-state v2');
    expect(snapshot(root)).toEqual(before);
  });

  it('offline, the report is complete and deterministic; an unchanged repository keeps its file even on a later date', async () => {
    const a = copyExample();
    const b = copyExample();
    await cli(offline(a, '--full'), at('2026-04-03'));
    await cli(offline(b, '--full'), at('2026-04-03'));
    const text = read(a, REPORT);
    expect(read(b, REPORT)).toBe(text);
    for (const heading of [
      "# What's Next",
      '**Generated:** 2026-04-03',
      '**Mode:** full',
      '## Completed Since Last Update',
      '## In Progress',
      '## Recommended Next',
      '### Reasoning',
      '## Outstanding Questions',
    ]) {
      expect(text).toContain(heading);
    }
    const later = await cli(offline(a, '--full'), at('2026-05-01'));
    expect(later.stderr).toContain('is up to date');
    expect(read(a, REPORT)).toBe(text);
  });

  it('bad usage and unreadable input exit 2 with one clear sentence', async () => {
    const root = copyExample();
    for (const argv of [['--incremental', '--full'], ['--check', '--commit'], ['--bogus'], ['--format', 'xml'], ['--provider', 'gpt']]) {
      const r = await cli(offline(root, ...argv));
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await cli(['--root', path.join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not a directory');
    writeFileSync(path.join(root, '.specscore/work-items.yaml'), 'items:\n  - { id: X-1, plan: user-auth, status: finished }\n');
    const before = read(root, REPORT);
    const bad = await cli(offline(root, '--incremental'), at('2026-04-03'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^whats-next: \.specscore\/work-items\.yaml:2: item 1 has status "finished"; expected one of .*\n {2}fix the work-items ledger/);
    expect(read(root, REPORT)).toBe(before);
  });

  it('concurrent runs hold the repository lock and leave one valid report', async () => {
    const root = copyExample();
    const runs = await Promise.all([1, 2, 3].map((i) => runWhatsNextUpdate({ root, mode: 'full', model: { provider: 'none' }, today: `2026-04-0${i}` })));
    expect(runs.every((r) => r.status === 'written' || r.status === 'up-to-date')).toBe(true);
    const { parseWhatsNext } = await import('../../src/parse/whats-next.js');
    const p = parseWhatsNext(read(root, REPORT));
    expect(p.kind === 'ok' && !p.handEdited).toBe(true);
  });
});
