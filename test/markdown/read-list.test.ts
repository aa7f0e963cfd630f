import { describe, expect, test } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import { bulletAt, isBlank, joinTrimmed, type ListItem, readList } from '../../src/markdown/blocks.js';

/** The list reader by its definition: every line's parts collected, trailing blank parts dropped. */
function byDefinition(lines: readonly string[], from: number, to: number): { items: ListItem[]; before: string; after: string } {
  const items: ListItem[] = [];
  let baseIndent = -1;
  let contentOffset = 2;
  let i = from;
  while (i < to && bulletAt(lines[i] ?? '') === null) i++;
  const before = joinTrimmed(lines, from, i);
  let parts: string[] = [];
  let itemLine = 0;
  let blankRun = 0;
  let afterStart = to;
  const flush = () => {
    let end = parts.length;
    while (end > 0 && parts[end - 1] === '') end--;
    if (itemLine) items.push({ text: parts.length === 1 ? parts[0]! : parts.slice(0, end).join('\n'), line: itemLine, column: baseIndent + 1 });
  };
  for (; i < to; i++) {
    const line = lines[i] ?? '';
    const b = bulletAt(line);
    if (b && (baseIndent < 0 || b.indent <= baseIndent)) {
      flush();
      baseIndent = b.indent;
      contentOffset = baseIndent + 2;
      parts = [line.slice(b.text).trimEnd()];
      itemLine = i + 1;
      blankRun = 0;
      continue;
    }
    if (isBlank(line)) {
      blankRun++;
      parts.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (blankRun > 0 && indent <= baseIndent) {
      afterStart = i;
      break;
    }
    blankRun = 0;
    parts.push(indent >= contentOffset ? line.slice(contentOffset).trimEnd() : line.trim());
  }
  flush();
  return { items, before, after: joinTrimmed(lines, afterStart, to) };
}

const INDENTS = ['', '', ' ', '  ', '    ', '\t', '\u00a0', '\u2003 '];
const BODIES = ['- a', '* b', '+ c', '-', '- ', '1. d', 'text', 'more text  ', '', '', '   ', '\u3000', '-x', '**F:** v', '- [x](y)'];

describe('readList', () => {
  test('agrees with its definition on 20,000 generated lists', () => {
    const next = rng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    for (let n = 0; n < 20_000; n++) {
      const lines: string[] = [];
      const len = Math.floor(next() * 10);
      for (let k = 0; k < len; k++) lines.push(pick(INDENTS) + pick(BODIES));
      const from = Math.floor(next() * 2);
      const to = lines.length - Math.floor(next() * 2);
      expect(readList(lines, from, to), JSON.stringify(lines)).toEqual(byDefinition(lines, from, to));
    }
  });
});
