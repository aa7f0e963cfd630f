import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCell } from '../../src/edit/plans-index.js';
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
