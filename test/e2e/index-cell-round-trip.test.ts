import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { computeIndexChanges } from '../../src/edit/index-sync.js';
import { isRelativeTarget, markdownShape, unsafeLinks, plan, tempRepo, writeFile, type TempRepo } from '../support/security-render-support.js';

let t: TempRepo | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

const TABLE_RULES = new Set(['index/rows', 'feature/plans-table']);

/** Run `specplan index` in-process: write every change, as the command does. */
function index(root: string): string[] {
  const changes = computeIndexChanges(loadRepo(root));
  for (const c of changes) writeFile(root, c.file, c.content);
  return changes.map((c) => c.file);
}

/** What `index` wrote: lint finds no table problem, `index --check` finds nothing to change. */
function roundTrip(root: string): { tableFindings: string[]; drift: string[] } {
  const repo = loadRepo(root);
  const lint = lintRepo(repo);
  return {
    tableFindings: lint.diagnostics.filter((d) => TABLE_RULES.has(d.rule)).map((d) => `${d.file}:${d.line} ${d.message}`),
    drift: computeIndexChanges(repo).map((c) => c.file),
  };
}

/** Rows of the plans table and of the feature's Plans table as a GFM renderer splits them. */
function renderedRows(root: string): { index: string[][]; feature: string[][]; urls: string[]; unsafe: Array<[string, string]>; html: string[] } {
  const idx = markdownShape(readFileSync(path.join(root, 'spec/plans/README.md'), 'utf8'));
  const feat = markdownShape(readFileSync(path.join(root, 'spec/features/cli/README.md'), 'utf8'));
  return {
    index: idx.tableRows,
    feature: feat.tableRows,
    urls: [...idx.urls, ...feat.urls],
    unsafe: [...unsafeLinks(idx), ...unsafeLinks(feat)],
    html: [...idx.html, ...feat.html],
  };
}

const VALUES = [
  '@alex | @eve',
  '@alex || @eve |',
  '@a \\| b',
  'a\\\\|b',
  '`@a|b` and `c`',
  'x ` y',
  '<!-- hidden',
  '<script>alert(1)</script>',
  'a]b[c',
  '[click](javascript:alert(1))',
  'trailing \\',
  '*bold* _it_ ~~s~~',
];

describe('plans index and feature Plans tables: what index writes, lint accepts and --check reads back as current', () => {
  it.each(VALUES)('Author %j', (author) => {
    t = tempRepo({ 'spec/plans/user-auth/README.md': plan({ title: 'User auth', author }), 'spec/plans/other/README.md': plan({ title: 'Other' }) });
    expect(index(t.root).length).toBeGreaterThan(0);
    expect(roundTrip(t.root)).toEqual({ tableFindings: [], drift: [] });
    const rows = renderedRows(t.root);
    expect(
      rows.index.every((r) => r.length === 8),
      JSON.stringify(rows.index),
    ).toBe(true);
    expect(
      rows.feature.every((r) => r.length === 4),
      JSON.stringify(rows.feature),
    ).toBe(true);
    expect(rows.html).toEqual([]);
    expect(rows.unsafe).toEqual([]);
  });

  it('a header value continued on a second line stays in one cell', () => {
    const text = plan({ title: 'User auth', author: '@alex' }).replace('**Author:** @alex', '**Author:** @alex\n| evil | row |\n## Injected');
    t = tempRepo({ 'spec/plans/user-auth/README.md': text });
    index(t.root);
    expect(roundTrip(t.root)).toEqual({ tableFindings: [], drift: [] });
    const idx = markdownShape(readFileSync(path.join(t.root, 'spec/plans/README.md'), 'utf8'));
    expect(idx.headings).toEqual(['Plans', 'Outstanding Questions']);
    expect(idx.tableRows.every((r) => r.length === 8)).toBe(true);
  });

  it('plan folders that are not slugs are listed with relative, encoded links that lint resolves', () => {
    t = tempRepo({
      'spec/plans/<!-- hidden/README.md': plan({ title: 'Hidden' }),
      'spec/plans/x](javascript:alert(1))/README.md': plan({ title: 'Link' }),
      'spec/plans/pipe|name/README.md': plan({ title: 'Pipe' }),
      'spec/plans/sp ace/README.md': plan({ title: 'Space' }),
    });
    index(t.root);
    expect(roundTrip(t.root)).toEqual({ tableFindings: [], drift: [] });
    const rows = renderedRows(t.root);
    expect(rows.html).toEqual([]);
    expect(rows.index.every((r) => r.length === 8)).toBe(true);
    expect(rows.urls.length).toBe(8);
    for (const u of rows.urls) expect(isRelativeTarget(u), u).toBe(true);
  });

  it('any mix of pipes, backslashes, backticks, brackets and angle brackets round-trips', () => {
    const piece = fc.constantFrom('|', '\\', '\\|', '`', '<', '>', '[', ']', '(', ')', '*', '_', ' ', 'a', '@b', '—', '-', '&', '#', '!', '~');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (parts) => {
        const author = `@x ${parts.join('')}`.trim();
        const local = tempRepo({ 'spec/plans/user-auth/README.md': plan({ title: 'User auth', author }) });
        try {
          index(local.root);
          expect(roundTrip(local.root)).toEqual({ tableFindings: [], drift: [] });
          const rows = renderedRows(local.root);
          expect(rows.index.every((r) => r.length === 8)).toBe(true);
          expect(rows.html).toEqual([]);
        } finally {
          local.cleanup();
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
