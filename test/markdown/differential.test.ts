import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeature } from '../../src/parse/feature.js';
import type { Outline } from '../../src/markdown/outline.js';
import { splitLines } from '../../src/markdown/text-lines.js';
import { scanOutline } from '../../src/markdown/outline-fast.js';
import { remarkOutline } from '../../src/markdown/outline-remark.js';
import { parsePlan } from '../../src/parse/plan.js';
import { parsePlansIndex } from '../../src/parse/plans-index.js';
import { parseProposal } from '../../src/parse/proposal.js';
import { renderPlan } from '../../src/render/plan.js';
import { corpus, markdownFiles } from '../support/corpus.js';
import { markdownDocument } from '../support/markdown-arbitrary.js';
import { planModel } from '../support/plan-arbitrary.js';

/**
 * The fast line scanner (`scanOutline`, used for bulk loading) must agree with remark +
 * remark-gfm (`remarkOutline`, the reference) on headings, tables (cells included) and fenced
 * code ranges — and so must every model built from the two outlines.
 *
 * What an outline holds (both sides): ATX headings and GFM tables at the top level of the
 * document, fenced code blocks anywhere except inside block quotes (a block quote's lines all
 * start with `>`, so no reader looks inside it), and for an unclosed fence its last non-blank
 * line. Setext headings are not part of the outline: plan documents use ATX headings only.
 *
 * Seeds are fixed so CI is deterministic; set FC_SEED and FC_RUNS to explore further (the
 * scanner passed more than 100,000 random documents while it was written).
 */
const SYNCHESTRA = corpus('synchestra-spec');
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260314;
const runs = (n: number) => (process.env.FC_RUNS ? Number(process.env.FC_RUNS) : n);

function compareAll(text: string, label: string): Outline {
  const reference = remarkOutline(text);
  const fast = scanOutline(splitLines(text).lines);
  expect(fast.headings, `${label}: headings`).toEqual(reference.headings);
  expect(fast.tables, `${label}: tables`).toEqual(reference.tables);
  expect(fast.code, `${label}: code`).toEqual(reference.code);
  expect(parsePlan(text), `${label}: plan model`).toEqual(parsePlan(text, reference));
  expect(parseFeature(text), `${label}: feature model`).toEqual(parseFeature(text, reference));
  expect(parseProposal(text), `${label}: proposal model`).toEqual(parseProposal(text, reference));
  expect(parsePlansIndex(text), `${label}: plans index model`).toEqual(parsePlansIndex(text, reference));
  return reference;
}

describe('fast scanner vs remark + remark-gfm', () => {
  SYNCHESTRA.it(
    'agrees on all 239 markdown files of the synchestra corpus, and on the models built from them',
    () => {
      const files = markdownFiles(SYNCHESTRA.root);
      expect(files).toHaveLength(239);
      let headings = 0;
      let tables = 0;
      let code = 0;
      for (const f of files) {
        const text = readFileSync(path.join(SYNCHESTRA.root, f), 'utf8');
        const o = compareAll(text, f);
        headings += o.headings.length;
        tables += o.tables.length;
        code += o.code.length;
      }
      // The comparison is not vacuous: the corpus is full of all three.
      expect(headings).toBeGreaterThan(2000);
      expect(tables).toBeGreaterThan(100);
      expect(code).toBeGreaterThan(300);
    },
    120_000, // 239 files through remark: seconds on an idle machine, more under load
  );

  it('agrees on generated markdown: nested lists and quotes, fences, tables, HTML, lazy lines', () => {
    fc.assert(
      fc.property(markdownDocument, (text) => {
        const reference = remarkOutline(text);
        expect(scanOutline(splitLines(text).lines)).toEqual(reference);
      }),
      { seed, numRuns: runs(500) },
    );
  });

  it('agrees on generated plan documents, and on the plan models built from both outlines', () => {
    fc.assert(
      fc.property(planModel, (model) => {
        compareAll(renderPlan(model), 'rendered plan');
      }),
      { seed, numRuns: runs(75) },
    );
  });

  it('agrees on constructs that once told them apart', () => {
    const cases = [
      '"- | a\\n---|---\\n\\n\\n| a\\n|---\\nfoo\\n"', // table after a list closed by blank lines
      '"a | a\\n--:\\n<br/>\\n| -\\n"', // a would-be table ends a paragraph; the HTML tag wins
      '"* foo\\n2) ```\\na\\n---\\n"', // a new list kind is no lazy line
      '"foo\\n- 2) ```\\n  - foo\\n```\\n"', // nested ordered item may not interrupt
      '"===\\n- |\\n---|\\n"', // a delimiter row that starts a list item
      '"  - #\\n   -\\n\\n    # \\n2) ```\\n"', // blank-start item followed by a blank line
      '"> # h\\n    foo\\n10. bar\\n"', // indented code on a line that closed a quote
      '"- | a\\n<br/>\\na |\\n---|\\n"', // HTML tag on a lazy line stays in the item
      '"| a | a\\n|---\\n| \\n| -\\n"', // a lone pipe is no header row
      '"`x|y`\\n---|---\\na | a | x\\\\\\\\|\\n"', // escaped backslash before a cell pipe
      '"```\\n- foo\\n"', // unclosed fence at the end
      '"-<pre>\\n # x\\n </pre>\\n- ```\\n"', // closing raw tag is an HTML block of kind 7
    ].map((c) => JSON.parse(c) as string);
    for (const text of cases) expect(scanOutline(splitLines(text).lines), JSON.stringify(text)).toEqual(remarkOutline(text));
  });
});
