import fc from 'fast-check';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { commentJson, commentToken, decodeCommentToken, inlineText, markdownText, oneLine, planHref, planText, tableCell } from '../../src/markdown/escape.js';
import { isRelativeTarget, markdownShape, unsafeLinks } from '../support/security-render-support.js';

const piece = fc.constantFrom(
  '<',
  '>',
  '!',
  '-',
  '--',
  '[',
  ']',
  '(',
  ')',
  '`',
  '``',
  '*',
  '_',
  '~',
  '|',
  '\\',
  '#',
  '&',
  ';',
  'lt',
  '&lt;',
  '&#60;',
  'a',
  'B',
  '1',
  '2.',
  '.',
  ':',
  '//',
  '/',
  '@',
  'www',
  'http',
  'x@y.io',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u0000',
  '\u001b',
  '=',
  '+',
  'é',
  '💥',
  '<!--',
  '-->',
  '--!>',
  '<script>',
  'javascript:',
  '](',
  '![',
  'in_progress',
  'a_b',
  '_c_',
);
const hostile = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

type Node = { type: string; children?: Node[]; url?: string; value?: string };
const parse = (md: string) => remark().use(remarkGfm).parse(md) as unknown as Node;
const collapse = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

describe('escaping for generated markdown', () => {
  it('inlineText: renders as exactly its one-line text, in one paragraph, with no markup', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const text = `P ${inlineText(s)} Q`;
        const tree = parse(text);
        expect(tree.children).toHaveLength(1);
        expect(tree.children![0]!.type).toBe('paragraph');
        expect(tree.children![0]!.children!.every((c) => c.type === 'text' || c.type === 'link')).toBe(true);
        expect(unsafeLinks(markdownShape(text))).toEqual([]);
        // A backslash in data is a markdown escape (header values are markdown); without one the text is exact.
        const literal = !s.includes('\\') && tree.children![0]!.children!.every((c) => c.type === 'text');
        if (literal) expect(collapse(toString(tree))).toBe(collapse(`P ${oneLine(s)} Q`));
        expect(inlineText(inlineText(s))).toBe(inlineText(s));
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('inlineText at the start of a list item stays the item text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const tree = parse(`- ${inlineText(s)}`);
        const list = tree.children![0]!;
        expect(list.type).toBe('list');
        expect(list.children).toHaveLength(1);
        const item = list.children![0]!;
        expect((item.children ?? []).every((c) => c.type === 'paragraph')).toBe(true);
        if (!s.includes('\\') && !markdownShape(`- ${inlineText(s)}`).links.length) expect(collapse(toString(item))).toBe(collapse(oneLine(s)));
      }),
      { numRuns: 250, seed: 2 },
    );
  });

  it('tableCell: one cell whose text is the value', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const shape = markdownShape(`| h | k |\n|---|---|\n| ${tableCell(s)} | z |\n`);
        expect(shape.tableRows[1]).toHaveLength(2);
        expect(shape.tableRows[1]![1]).toBe('z');
        if (!s.includes('\\') && !shape.links.length) expect(collapse(shape.tableRows[1]![0]!)).toBe(collapse(oneLine(s)));
        expect(shape.html).toEqual([]);
        expect(unsafeLinks(shape)).toEqual([]);
        expect(tableCell(tableCell(s))).toBe(tableCell(s));
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('markdownText: no HTML, no foreign links, no headings; nothing after it is swallowed; idempotent', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (s, single) => {
        const out = markdownText(s, { oneLine: single });
        const shape = markdownShape(`Intro.\n\n${out}\n\nAfter.\n`);
        expect(shape.html).toEqual([]);
        expect(shape.headings).toEqual([]);
        expect(shape.definitions).toEqual([]);
        expect(unsafeLinks(shape)).toEqual([]);
        // Nothing the text holds (an open fence, an HTML block) swallows what follows it.
        const after = parse(`${out}\n\nAfter.\n`).children!.at(-1)!;
        expect([after.type, toString(after)]).toEqual(['paragraph', 'After.']);
        expect(markdownText(out, { oneLine: single })).toBe(out);
      }),
      { numRuns: 400, seed: 4 },
    );
  });

  it('markdownText keeps relative links, code and emphasis', () => {
    expect(markdownText('Start **[user-auth](user-auth/)** and `x <y>` *now*')).toBe('Start **[user-auth](user-auth/)** and `x <y>` *now*');
    expect(markdownText('[a](javascript:alert(1)) <!-- x')).not.toMatch(/^\[a\]\(/);
  });

  it('planText / planHref: slug paths unchanged; any folder name becomes one relative link to itself', () => {
    expect(planText('billing-roadmap/invoice-pdf')).toBe('billing-roadmap/invoice-pdf');
    fc.assert(
      fc.property(
        fc.array(
          hostile.filter((x) => x !== '' && !x.includes('/') && x !== '.' && x !== '..'),
          { minLength: 1, maxLength: 2 },
        ),
        (segs) => {
          const p = segs.join('/');
          const shape = markdownShape(`- [${planText(p)}](${planHref(p)}) done\n`);
          expect(shape.urls).toHaveLength(1);
          expect(isRelativeTarget(shape.urls[0]!)).toBe(true);
          expect(decodeURIComponent(shape.urls[0]!)).toBe(`${p}/`);
          expect(shape.html).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('commentToken and commentJson cannot close or open an HTML comment, and read back exactly', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const t = commentToken(s);
        expect(t).not.toMatch(/[\s<>!&]/);
        expect(decodeCommentToken(t)).toBe(s);
        const j = commentJson({ s });
        expect(j).not.toMatch(/[<>&\u2028\u2029\n]/);
        expect(JSON.parse(j)).toEqual({ s });
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});
