import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCell } from '../../src/edit/plans-index.js';
import { normalizeListCell } from '../../src/lint/cell-values.js';

/** The general list normalization, with no fast path. */
function general(cell: string): string {
  return normalizeCell(
    cell
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .join(', '),
  );
}

const pieces = fc.constantFrom('a', 'b/c', ',', ', ', ' ,', ' ', '  ', '\t', '`', '-', '—', '\u00a0', 'é', '.');

describe('normalizeListCell', () => {
  it('is the general list normalization for any cell', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const cell = parts.join('');
        expect(normalizeListCell(cell)).toBe(general(cell));
      }),
      { numRuns: 3000 },
    );
    for (const cell of ['', ' ', 'a', 'a, b', 'a,b', 'a , b', 'a,  b', ', a', 'a,', 'a, , b', ' a, b ', '`a, b`', '-, a', 'a,\u00a0b'])
      expect(normalizeListCell(cell)).toBe(general(cell));
  });
});
