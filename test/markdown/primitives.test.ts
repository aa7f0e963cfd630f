import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeLineSet } from '../../src/markdown/blocks.js';
import { fieldBlocks, headerFields, withFieldValue } from '../../src/markdown/header-fields.js';
import { scanOutline } from '../../src/markdown/outline-fast.js';
import { splitRow } from '../../src/markdown/outline.js';
import { joinLines, replaceLines, splitLines } from '../../src/markdown/text-lines.js';
import { table, tableLines, tableRow } from '../../src/markdown/writer.js';

describe('the line splitter', () => {
  it('ends lines at LF, CRLF and lone CR, and keeps each terminator', () => {
    const t = splitLines('a\nb\r\nc\rd');
    expect(t.lines).toEqual(['a', 'b', 'c', 'd']);
    expect(t.endings).toEqual(['\n', '\r\n', '\r', '']);
    expect(t.eol).toBe('\n');
    expect(splitLines('a\rb\r').eol).toBe('\r');
  });

  it('sets a BOM aside and writes it back', () => {
    const t = splitLines('\ufeff# Title\r\n');
    expect(t.bom).toBe(true);
    expect(t.lines).toEqual(['# Title']);
    expect(joinLines(t)).toBe('\ufeff# Title\r\n');
    expect(joinLines(replaceLines(t, 1, 1, ['# Other']))).toBe('\ufeff# Other\r\n');
  });

  it('tells a final newline from none, and reads blank last lines', () => {
    expect(splitLines('a\n').lines).toEqual(['a']);
    expect(splitLines('a').endings).toEqual(['']);
    expect(splitLines('a\n\n').lines).toEqual(['a', '']);
    expect(splitLines('\r\n').lines).toEqual(['']);
    expect(splitLines('').lines).toEqual([]);
  });

  it('round-trips every document byte for byte', () => {
    for (const t of ['', 'a', 'a\n', 'a\r\nb\r\n', '\ufeffa\nb', '\n\n', 'a\r\rb', 'x\r\n\ny\rz\n', '\ufeff', '\r'])
      expect(joinLines(splitLines(t)), JSON.stringify(t)).toBe(t);
  });

  it('agrees with a plain split on any mix of line ends', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '\r', '\n', '\r\n', '\ufeff'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const doc = splitLines(t);
        expect(joinLines(doc)).toBe(t);
        const body = t.startsWith('\ufeff') ? t.slice(1) : t;
        const plain = body === '' ? [] : body.split(/\r\n|\r|\n/);
        if (plain.length > 1 && plain.at(-1) === '') plain.pop();
        expect(doc.lines).toEqual(plain);
        expect(doc.endings.join('')).toBe(body.match(/\r\n|\r|\n/g)?.join('') ?? '');
      }),
      { numRuns: 2000 },
    );
  });

  it('gives inserted lines the first terminator of the document and keeps a missing final newline', () => {
    const t = splitLines('a\rb');
    expect(joinLines(replaceLines(t, 3, 2, ['c']))).toBe('a\rb\rc');
    expect(joinLines(replaceLines(t, 2, 2, ['x', 'y']))).toBe('a\rx\ry');
    expect(joinLines(replaceLines(splitLines(''), 1, 0, ['x']))).toBe('x\n');
  });
});

describe('the table writer', () => {
  it('writes the seed layout and the compact layout with the same rows', () => {
    expect(tableLines(['Order', 'Plan'], [['1', '[a](a/)']], 'seed')).toEqual(['| Order | Plan |', '|-------|------|', '| 1 | [a](a/) |']);
    expect(tableLines(['Order', 'Plan'], [['1', '[a](a/)']], 'compact')).toEqual(['| Order | Plan |', '|---|---|', '| 1 | [a](a/) |']);
    expect(table(['A'], [])).toBe('| A |\n|---|');
  });

  it('escapes pipes and line breaks so that no cell can end early, and reads back the same cells', () => {
    const cells = ['a|b', 'already \\| escaped', 'ends with \\\\|', 'two\nlines', 'cr\r\nlf'];
    const row = tableRow(cells);
    expect(row).toBe('| a\\|b | already \\| escaped | ends with \\\\\\| | two lines | cr lf |');
    expect(splitRow(row)).toHaveLength(cells.length);
    expect(tableRow(splitRow(row))).toBe(row); // escaping escaped cells changes nothing
  });

  it('escapes the header too and sizes the delimiter to the escaped header', () => {
    expect(tableLines(['a|b'], [], 'seed')).toEqual(['| a\\|b |', '|------|']);
  });
});

describe('the field matcher', () => {
  const lines = (text: string) => splitLines(text).lines;

  it('reads both bold spellings, at most three spaces of indent, with continuation lines', () => {
    const doc = lines(
      [
        '# Plan: X',
        '**Status:** draft',
        '**Features**: ',
        '  - [a](a/)',
        '  - [b](b/)',
        '   **Author:** @a',
        '    **Not:** a field',
        '',
        'text',
        '## Context',
      ].join('\n'),
    );
    const fields = headerFields(doc);
    expect(fields.map((f) => [f.name, f.value, f.start, f.end, f.column])).toEqual([
      ['Status', 'draft', 1, 2, 1],
      ['Features', '', 2, 5, 1],
      ['Author', '@a', 5, 7, 4],
    ]);
  });

  it('skips fields inside fenced code and ends a field at a blank line', () => {
    const doc = lines(['**A:** 1', 'more', '', '```', '**B:** 2', '```', '**C:** 3'].join('\r'));
    const fields = fieldBlocks(doc, 0, doc.length, codeLineSet(scanOutline(doc)));
    expect(fields.map((f) => [f.key, f.start, f.end])).toEqual([
      ['a', 0, 2],
      ['c', 6, 7],
    ]);
  });

  it('replaces a value keeping the markers and backticks', () => {
    expect(withFieldValue('**Status:** `draft`', 'approved')).toBe('**Status:** `approved`');
    expect(withFieldValue('  **Status**:draft', 'approved')).toBe('  **Status**: approved');
  });
});
