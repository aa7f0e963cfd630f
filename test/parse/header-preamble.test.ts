import { describe, expect, test } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import { fieldBlocks } from '../../src/markdown/header-fields.js';
import { parsePlan } from '../../src/parse/plan.js';
import { randomLines } from '../support/random-lines.js';

/** The preamble by its definition: the lines outside fields before the first and after it, each joined and trimmed. */
function preambleOf(lines: readonly string[], from: number, to: number): string {
  const pre: string[] = [];
  const post: string[] = [];
  let cursor = from;
  let sawField = false;
  for (const block of fieldBlocks(lines, from, to, { has: () => false })) {
    for (; cursor < block.start; cursor++) (sawField ? post : pre).push(lines[cursor]!);
    sawField = true;
    cursor = block.end;
  }
  for (; cursor < to; cursor++) (sawField ? post : pre).push(lines[cursor]!);
  const a = pre.join('\n').trim();
  const b = post.join('\n').trim();
  return a && b ? `${a}\n\n${b}` : a || b;
}

const LINES = [
  '**Status:** draft',
  '**Owner:** me',
  '**Features:**',
  '  - [f](../../features/f/README.md)',
  'loose text',
  '  indented',
  '',
  '',
  ' ',
  '\u00a0',
  '\t',
];

describe('plan preamble', () => {
  test('agrees with its definition on 5,000 generated headers', () => {
    const next = rng(3);
    for (let n = 0; n < 5_000; n++) {
      const header = randomLines(next, LINES, 10);
      const lines = ['# Plan: P', ...header, '## Context', '', 'x'];
      expect(parsePlan(lines.join('\n')).plan.preamble, JSON.stringify(header)).toBe(preambleOf(lines, 1, 1 + header.length));
    }
  });
});
