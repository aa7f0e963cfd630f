import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulletAt, codeLineSet, extractLinks, firstLink, isBlank, isWhiteSpace, joinTrimmed, matchField } from '../../src/markdown/blocks.js';
import { countCells, splitRow, trimSpaces } from '../../src/markdown/outline.js';
import { splitLines } from '../../src/markdown/text-lines.js';
import { parseDependsOn } from '../../src/parse/plan.js';
import { rng } from '../../bench/generate-repo.mjs';

/**
 * The hand-written line readers that replaced regular expressions on the hot path agree with
 * the expressions they replaced, and the link reader stays linear on hostile input.
 */
const FIELD = /^\*\*([^*\n]+?)(?::\*\*|\*\*:)[ \t]*(.*)$/;
const BULLET = /^([ \t]*)([-*+])[ \t]+(.*)$/;
const piece = fc.constantFrom(
  '**',
  '*',
  ':',
  ':**',
  '**:',
  'a',
  ' ',
  'Status',
  '\t',
  'b:c',
  '\r',
  '\u2028',
  'x y',
  '`v`',
  '-',
  '+',
  '|',
  '\\',
  '\\|',
  '\\\\',
  '[',
  ']',
  '(',
  ')',
  '](',
  'é',
);
const text = fc.array(piece, { maxLength: 10 }).map((ps) => ps.join(''));
const opts = { seed: 20260317, numRuns: 3000 };

describe('line readers', () => {
  it('matchField equals the field regex', () => {
    fc.assert(
      fc.property(text, (rest) => {
        const line = `**${rest}`;
        const m = FIELD.exec(line);
        expect(matchField(line)).toEqual(m ? [m[1]!.trim(), (m[2] ?? '').trim()] : null);
      }),
      opts,
    );
    expect(matchField('**Status:** `draft`')).toEqual(['Status', '`draft`']);
    expect(matchField('**Source type**: feature')).toEqual(['Source type', 'feature']);
    expect(matchField('**a:b:** c')).toEqual(['a:b', 'c']);
    expect(matchField('**:** x')).toBeNull();
    expect(matchField(' **Status:** x')).toBeNull();
  });

  it('bulletAt equals the bullet regex', () => {
    // Except on purpose: the regex's `.` stops at U+2028 and CR, so it rejects a bullet whose
    // text holds one; the reader keeps it a bullet (CR never reaches it: lines are split on CR).
    const noSeparators = text.filter((t) => !/[\r\u2028]/.test(t));
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '  ', '\t', '    '), noSeparators, (indent, rest) => {
        const line = `${indent}${rest}`;
        const m = BULLET.exec(line);
        const b = bulletAt(line);
        expect(b === null).toBe(m === null);
        if (m && b) {
          expect(b.indent).toBe(m[1]!.length);
          expect(line.slice(b.text)).toBe(m[3]);
        }
      }),
      opts,
    );
    expect(bulletAt('- a\u2028b')).toEqual({ indent: 0, text: 2 });
  });

  it('isBlank equals trim() === ""', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\ufeff', 'a', '\u3000', '\u200b', '\f'), { maxLength: 5 }), (cs) => {
        const line = cs.join('');
        expect(isBlank(line)).toBe(line.trim() === '');
      }),
      opts,
    );
  });

  it('countCells counts what splitRow splits', () => {
    fc.assert(
      fc.property(text, (line) => {
        expect(countCells(line)).toBe(splitRow(line).length);
      }),
      opts,
    );
    expect(splitRow('| a | `b\\|c` | x\\\\| d |')).toEqual(['a', '`b\\|c`', 'x\\\\', 'd']);
    expect(splitRow('|&ensp;[k](p/k/) | \u2002x |')).toEqual(['&ensp;[k](p/k/)', '\u2002x']);
  });

  it('joinTrimmed and splitLines handle every line ending', () => {
    expect(splitLines('\uFEFFa\r\nb\rc\n').lines).toEqual(['a', 'b', 'c']);
    expect(splitLines('\uFEFFa\r\nb').bom).toBe(true);
    expect(joinTrimmed(['', ' ', 'a', '', 'b', '\t'], 0, 6)).toBe('a\n\nb');
    expect(joinTrimmed(['a'], 0, 5)).toBe('a');
  });

  it('extractLinks reads links and stays linear on hostile input', () => {
    expect(extractLinks('[a](b) [x [y] z](../q/) [\\]](r) [c](<d> "t") [multi\nline](m/)')).toEqual([
      { text: 'a', href: 'b' },
      { text: 'x [y] z', href: '../q/' },
      { text: '\\]', href: 'r' },
      { text: 'c', href: 'd' },
      { text: 'multi\nline', href: 'm/' },
    ]);
    for (const hostile of ['['.repeat(300_000), '[a]('.repeat(100_000), '[a]( "'.repeat(60_000), `[${'a'.repeat(300_000)}`, '[a'.repeat(150_000)]) {
      const t = performance.now();
      expect(extractLinks(hostile)).toEqual([]);
      expect(performance.now() - t).toBeLessThan(2000);
    }
  });

  it('parseDependsOn: canonical fast path, notes, ranges and words', () => {
    expect(parseDependsOn('(none)')).toEqual([]);
    expect(parseDependsOn('None.')).toEqual([]);
    expect(parseDependsOn('—')).toEqual([]);
    expect(parseDependsOn('Step 1, Step 2.1')).toEqual(['1', '2.1']);
    expect(parseDependsOn('Steps 1.3, 1.4')).toEqual(['1.3', '1.4']);
    expect(parseDependsOn('Step 1.3 (spec lint, and more)')).toEqual(['1.3']);
    expect(parseDependsOn('Steps 2.1–2.4')).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(parseDependsOn('Steps 1 to 3 and 5')).toEqual(['1', '2', '3', '5']);
    expect(parseDependsOn('Step 1.3-2.1')).toEqual(['1.3', '2.1']);
    expect(parseDependsOn('setup & Step 2')).toEqual(['setup', '2']);
  });
});

describe('splitRow', () => {
  const cellPiece = fc.constantFrom('|', '|', ' ', '\t', 'a', 'bc', '\\|', '\\\\', '\\', '`', '\u2002', '-');
  it('from an offset is the row of the text from there, cells trimmed of spaces and tabs as trimSpaces does', () => {
    fc.assert(
      fc.property(fc.array(cellPiece, { maxLength: 14 }), fc.integer({ min: 0, max: 4 }), (parts, from) => {
        const line = parts.join('');
        const cells = splitRow(line, from);
        expect(cells).toEqual(splitRow(line.slice(from)));
        for (const c of cells) expect(c).toBe(trimSpaces(c));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('firstLink', () => {
  const linkPiece = fc.constantFrom('[', ']', '(', ')', '](', 'a', ' ', '<', '>', '"t"', '\\', '\n', 'x.md', '[b]');
  it('is the first of extractLinks, or null', () => {
    fc.assert(
      fc.property(fc.array(linkPiece, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(firstLink(text)).toEqual(extractLinks(text)[0] ?? null);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('isWhiteSpace', () => {
  it('is what String.prototype.trim removes, for every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) expect(isWhiteSpace(c), c.toString(16)).toBe(String.fromCharCode(c).trim() === '');
  });
});

describe('codeLineSet', () => {
  it('holds the lines every block covers, for blocks in order or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -1, max: 6 })), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (spans, sorted) => {
          let at = 0;
          const code = spans.map(([a, len]) => (sorted ? { line: (at += a + 1), endLine: (at += len) } : { line: a, endLine: a + len }));
          const last = code[code.length - 1]!.endLine;
          const marks = new Uint8Array(last + 2);
          for (const c of code) marks.fill(1, c.line, c.endLine + 1);
          const set = codeLineSet({ headings: [], tables: [], code });
          for (let line = -2; line < 80; line++)
            expect(set.has(line), `${JSON.stringify(code)} ${line}`).toBe(line >= 0 && line < marks.length && marks[line] === 1);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('joinTrimmed over split lines', () => {
  it('is the lines joined, for the last lines split, earlier ones, and lines changed since', () => {
    const next = rng(9);
    const words = ['a', 'bb', '', ' ', 'ccc ddd', '\t'];
    const doc = () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => words[Math.floor(next() * words.length)]!).join('\n');
    for (let n = 0; n < 2_000; n++) {
      const first = splitLines(doc()).lines;
      const second = splitLines(doc()).lines;
      const lines = next() < 0.5 ? first : second;
      if (lines.length > 0 && next() < 0.3) lines[Math.floor(next() * lines.length)] = words[Math.floor(next() * words.length)]!;
      if (next() < 0.2) lines.pop();
      const a = Math.floor(next() * (lines.length + 1));
      const b = a + Math.floor(next() * (lines.length + 1 - a));
      const expected = lines.slice(a, b);
      while (expected.length && isBlank(expected[0]!)) expected.shift();
      while (expected.length && isBlank(expected[expected.length - 1]!)) expected.pop();
      expect(joinTrimmed(lines, a, b)).toBe(expected.join('\n'));
    }
  });
});
