import fc from 'fast-check';

/**
 * fast-check arbitraries for markdown documents that stress the outline scanner: headings,
 * fences, tables, lists, block quotes, HTML blocks, thematic breaks and setext underlines,
 * nested in list items and quotes and glued together with and without blank lines. The
 * vocabulary is small on purpose so that constructs collide often.
 *
 * Tabs appear in indentation (at the start of a line and after outer container prefixes, so
 * partly consumed tab stops occur too), after list markers and inside text.
 */

const word = fc.constantFrom(
  'foo',
  'bar',
  'Plan',
  '**Status:** draft',
  '**Depends on:** Step 1',
  '[x](y/)',
  '`a|b`',
  'a \\| b',
  '\\\\|',
  '#',
  '##',
  '>',
  '-',
  '*',
  '1.',
  '2)',
  '```',
  '~~~',
  '<!--',
  '-->',
  '<div>',
  '</div>',
  '|',
  '---',
  '===',
  ':-',
  '&ensp;',
  'Step 1',
  'x\ty',
  '\\#',
  '<br/>',
  '**',
);

const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const indent = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '\t', ' \t');

const headingLine = fc
  .tuple(
    indent,
    fc.integer({ min: 1, max: 7 }),
    fc.constantFrom(' ', ' ', '\t', '', '  '),
    fc.option(text, { nil: '' }),
    fc.constantFrom('', '', ' #', ' ##', '#', ' # ', '  ', ' \\#'),
  )
  .map(([ind, d, sep, t, close]) => `${ind}${'#'.repeat(d)}${sep}${t}${close}`);

const fenceChar = fc.constantFrom('`', '~');

/** A fenced code block: opener, content lines (which may look like anything), optional closer. */
const fence = fc
  .tuple(
    indent,
    fenceChar,
    fc.integer({ min: 3, max: 5 }),
    fc.constantFrom('', 'ts', ' yaml ', 'a`b', 'js title="x"'),
    fc.array(
      fc.oneof(
        text,
        headingLine,
        fc.constant('| a | b |'),
        fc.constant('|---|---|'),
        fc.constant(''),
        fc.constant('```'),
        fc.constant('~~~~'),
        fc.constant('  ````'),
      ),
      { maxLength: 4 },
    ),
    fc.option(fc.tuple(fc.constantFrom('', ' ', '   ', '    '), fc.integer({ min: 2, max: 6 }), fc.constantFrom('', ' ', ' x')), { freq: 5 }),
  )
  .map(([ind, ch, len, info, body, close]) => {
    const lines = [`${ind}${ch.repeat(len)}${info}`, ...body];
    if (close) lines.push(`${close[0]}${ch.repeat(close[1])}${close[2]}`);
    return lines;
  });

const cell = fc.constantFrom('a', 'b c', '', '`x|y`', 'p \\| q', '[c](c/)', '&ensp;[k](p/k/)', '-', '—', '**b**', '\\\\', 'x\\\\|');
const delimCell = fc.constantFrom('---', '-', ':--', '--:', ':-:', '---------', ' --- ');

/** A GFM table (or something close to one): header, delimiter and body rows of varying widths. */
const table = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: -1, max: 1 }),
    fc.boolean(),
    fc.boolean(),
    fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
    fc.array(cell, { minLength: 24, maxLength: 24 }),
    fc.array(delimCell, { minLength: 6, maxLength: 6 }),
    fc.constantFrom('', '', ' ', '  '),
  )
  .map(([cols, skew, lead, trail, rowWidths, cells, delims, ind]) => {
    const row = (cs: string[]) => `${ind}${lead ? '| ' : ''}${cs.join(' | ')}${trail ? ' |' : ''}`;
    const head = row(cells.slice(0, cols).map((c) => c || 'h'));
    const dcount = Math.max(1, cols + skew);
    const delim = `${ind}${lead ? '|' : ''}${delims.slice(0, dcount).join('|')}${trail ? '|' : ''}`;
    const body = rowWidths.map((w, i) => row(cells.slice(4 + i * 5, 4 + i * 5 + w)));
    return [head, delim, ...body];
  });

const listMarker = fc.constantFrom('-', '*', '+', '1.', '2)', '10.', '-', '-');
const markerGap = fc.constantFrom(' ', ' ', '  ', '     ', '\t', '');

const html: fc.Arbitrary<string[]> = fc.constantFrom<string[]>(
  ['<!--', '## not a heading', '| a | b |', '|---|---|', '-->'],
  ['<!-- one line -->'],
  ['<details>', '## inside html', '</details>'],
  ['<div class="x">', '```', ''],
  ['<pre>', '# x', '</pre>'],
  ['<span>', '# y'],
  ['<br/>'],
  ['<?php', '# z', '?>'],
);

const simpleLine = fc.oneof(
  { weight: 4, arbitrary: text.map((t) => [t]) },
  { weight: 3, arbitrary: headingLine.map((h) => [h]) },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '- - -', '___', '===', '-', '  ---').map((l) => [l]) },
  { weight: 1, arbitrary: fc.tuple(indent, text).map(([i, t]) => [`${i}${t}`]) },
);

type Lines = string[];

/** A block of lines; `depth` bounds nesting in list items and quotes. */
function block(depth: number): fc.Arbitrary<Lines> {
  const leaves: Array<fc.WeightedArbitrary<Lines>> = [
    { weight: 5, arbitrary: simpleLine },
    { weight: 3, arbitrary: fence },
    { weight: 4, arbitrary: table },
    { weight: 1, arbitrary: html },
  ];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = fc
    .array(block(depth - 1), { minLength: 1, maxLength: 3 })
    .chain((bs) =>
      fc.array(fc.boolean(), { minLength: bs.length, maxLength: bs.length }).map((gaps) => bs.flatMap((b, i) => (i > 0 && gaps[i] ? ['', ...b] : b))),
    );
  const item = fc
    .tuple(fc.constantFrom('', '', ' ', '  '), listMarker, markerGap, inner, fc.constantFrom(0, 0, 1, -1), fc.boolean())
    .map(([ind, m, gap, lines, shift, tab]) => {
      const width = Math.max(0, ind.length + m.length + (gap === '\t' ? 1 : gap.length) + shift);
      // Continuation indentation with a tab for its first four columns, sometimes.
      const pad = tab && width >= 4 ? `\t${' '.repeat(width - 4)}` : ' '.repeat(width);
      const [first = '', ...rest] = lines;
      return [`${ind}${m}${gap}${first}`.trimEnd(), ...rest.map((l) => (l === '' ? '' : `${pad}${l}`))];
    });
  const quote = fc
    .tuple(fc.constantFrom('> ', '>', '> > ', ' > '), inner, fc.boolean())
    .map(([q, lines, lazy]) => lines.map((l, i) => (lazy && i === lines.length - 1 ? l : `${q}${l}`.trimEnd())));
  return fc.oneof(...leaves, { weight: 3, arbitrary: item }, { weight: 1, arbitrary: quote });
}

/** A whole document: blocks joined by zero, one or two blank lines, with an optional final newline. */
export const markdownDocument: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(block(2), fc.constantFrom(0, 1, 1, 2)), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '', '\n\n'))
  .map(
    ([blocks, end]) =>
      blocks
        .map(([b, gap], i) => (i > 0 ? [...Array<string>(gap).fill(''), ...b] : b))
        .flat()
        .join('\n') + end,
  );
