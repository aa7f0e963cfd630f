import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentLines, lineRange, splitLines } from '../../src/markdown/text-lines.js';

const piece = fc.constantFrom('a', '## Plans', '| x |', '', '\n', '\n', '\n\n', '\r\n', '\r', '\ufeff', ' ');

describe('lineRange', () => {
  it('is the lines of splitLines in the range, for any text and range', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -1, max: 12 }), (parts, from, length) => {
        const text = parts.join('');
        const to = from + length;
        expect(lineRange(text, from, to)).toEqual(splitLines(text).lines.slice(from - 1, to));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('documentLines', () => {
  it('is the lines of splitLines, for any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        expect(documentLines(text)).toEqual(splitLines(text).lines);
      }),
      { numRuns: 5000 },
    );
  });
});
