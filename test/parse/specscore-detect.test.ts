import { describe, expect, test } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import { splitLines } from '../../src/markdown/text-lines.js';
import { PLAN_FORMAT_URL } from '../../src/model/plan-format.js';
import { readFooter, readFrontMatter } from '../../src/parse/front-matter.js';
import { isSpecscorePlan } from '../../src/parse/specscore-plan.js';

/** The detection by its definition: front matter `format:`, the footer, or a header field of the current format. */
function byDefinition(text: string): boolean {
  const lines = splitLines(text).lines;
  if (readFrontMatter(lines)?.fields.format?.value === PLAN_FORMAT_URL) return true;
  if (readFooter(lines)?.url === PLAN_FORMAT_URL) return true;
  return /^\*\*(?:Source Feature|Owner|Supersedes):\*\*/m.test(text);
}

const BODY = '# Plan: Export\n\n**Status:** draft\n\n## Context\n\nText.\n';
const FOOTER = `---\n*This document follows the ${PLAN_FORMAT_URL}*\n`;
const DOCS: Record<string, string> = {
  'a seed plan': BODY,
  'front matter naming the format': `---\nformat: ${PLAN_FORMAT_URL}\n---\n${BODY}`,
  'front matter after a byte order mark': `\uFEFF---\nformat: "${PLAN_FORMAT_URL}"\n---\n${BODY}`,
  'front matter after white space': `  ---  \r\nformat: ${PLAN_FORMAT_URL}\r\n---\r\n${BODY}`,
  'a blank line before the front matter': `\n---\nformat: ${PLAN_FORMAT_URL}\n---\n${BODY}`,
  'front matter naming another format': `---\nformat: https://example.com/other\n---\n${BODY}`,
  'the footer': `${BODY}\n${FOOTER}`,
  'the footer without asterisks, then blank lines': `${BODY}\nThis document follows the ${PLAN_FORMAT_URL}\n\n\n`,
  'a footer naming another specification': `${BODY}\n*This document follows the https://example.com/spec*\n`,
  'the footer words in prose': `${BODY}\nThis document follows the team's conventions.\n`,
  'a current-format header field': BODY.replace('**Status:** draft', '**Owner:** @alex'),
  empty: '',
};

describe('isSpecscorePlan', () => {
  for (const [name, text] of Object.entries(DOCS)) {
    test(`${name}: as its definition says`, () => {
      expect(isSpecscorePlan(text)).toBe(byDefinition(text));
    });
  }
  test('the cases cover both answers', () => {
    const answers = Object.values(DOCS).map(isSpecscorePlan);
    expect(answers.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(answers.filter((a) => !a).length).toBeGreaterThanOrEqual(4);
  });
});

describe('isSpecscorePlan on generated text', () => {
  const PIECES = ['**', '*', ':**', ':', 'Owner', 'Source Feature', 'Supersedes', '**Owner:**', ' ', 'x', '\n', '\r', '\r\n', '\u2028', '\u2029', '#'];
  test('agrees with its definition on 20,000 documents made of field-like pieces', () => {
    const next = rng(7);
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const len = Math.floor(next() * 12);
      for (let k = 0; k < len; k++) text += PIECES[Math.floor(next() * PIECES.length)];
      const answer = isSpecscorePlan(text);
      expect(answer, JSON.stringify(text)).toBe(byDefinition(text));
      if (answer) found++;
    }
    expect(found).toBeGreaterThan(100);
  });
});
