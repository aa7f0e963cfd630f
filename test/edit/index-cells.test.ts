import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCell, normalizePlanHref, sameRowContent } from '../../src/edit/plans-index.js';
import { plansFolderHref } from '../../src/edit/index-sync.js';
import { folderHref } from '../../src/model/links.js';
import { planText } from '../../src/markdown/escape.js';

/** The general normalization, with no fast path: what `normalizeCell` must return for every cell. */
function general(cell: string): string {
  const t = cell
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^`([^`]*)`$/, '$1')
    .trim();
  return t === '' || t === '-' || t === '–' || t === '—' ? '—' : t;
}

const cellChars = fc.constantFrom('a', 'Z', '0', ' ', '  ', '\t', '\n', '`', '-', '–', '—', '\u00a0', '\u2002', '_', '|', '\\', 'é', '.', ',');

describe('normalizeCell', () => {
  it('is the general normalization for any cell, plain or not', () => {
    fc.assert(
      fc.property(fc.array(cellChars, { maxLength: 12 }), (parts) => {
        const cell = parts.join('');
        expect(normalizeCell(cell)).toBe(general(cell));
      }),
      { numRuns: 2000 },
    );
    for (const cell of ['draft', 'in_progress', '2026-03-01', 'Ann Lee', '-', '`x`', ' a', 'a ', 'a  b', '', '`', 'a`', '~'])
      expect(normalizeCell(cell)).toBe(general(cell));
  });
});

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,6}$/);

describe('plansFolderHref', () => {
  it('followed by the encoded plan path is the href folderHref gives a feature file', () => {
    fc.assert(
      fc.property(
        fc.array(slug, { minLength: 0, maxLength: 4 }),
        fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9é%-]{0,6}$/), { minLength: 1, maxLength: 2 }),
        (feature, plan) => {
          const file = ['spec/features', ...feature, 'README.md'].join('/');
          const encoded = planText(plan.join('/'));
          expect(`${plansFolderHref(file)}${encoded}/`).toBe(folderHref(file, `spec/plans/${encoded}`));
        },
      ),
    );
  });

  it('is null for a file outside spec/features/', () => {
    expect(plansFolderHref('spec/plans/README.md')).toBeNull();
    expect(plansFolderHref('docs/README.md')).toBeNull();
  });
});

/** The comparable content of a row as one string: what `sameRowContent` compares item by item. */
function rowKey(href: string, cells: readonly string[]): string {
  return JSON.stringify([normalizePlanHref(href), ...cells.map(normalizeCell)]);
}

const rowCell = fc.constantFrom('draft', ' draft ', '`draft`', '—', '-', '', 'Ann', 'Ann  Lee', 'Ann Lee', '2026-01-01');
const href = fc.constantFrom('a/', './a/', 'a', 'a/README.md', 'a/#x', 'b/', '../plans/a/');

describe('sameRowContent', () => {
  it('is equality of the whole row keys', () => {
    fc.assert(
      fc.property(href, fc.array(rowCell, { maxLength: 4 }), href, fc.array(rowCell, { maxLength: 3 }), (h, cells, wh, want) => {
        const written = ['[a](x)', ...cells];
        expect(sameRowContent(h, written, 1, wh, want)).toBe(rowKey(h, cells) === rowKey(wh, want));
      }),
      { numRuns: 3000 },
    );
  });
});
