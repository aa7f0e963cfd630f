import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { RULE_FIXTURES, tempCopy } from '../support/index-helpers.js';

/** index/rows findings (line and message up to its `;`) for the roadmap fixture's index with its lines edited. */
function findings(edit: (lines: string[]) => string[]): string[] {
  const root = tempCopy(path.join(RULE_FIXTURES, 'roadmap/child-plans', 'ok'));
  const file = path.join(root, 'spec/plans/README.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8').split('\n')).join('\n'));
  return lintRepo(loadRepo(root))
    .diagnostics.filter((d) => d.rule === 'index/rows')
    .map((d) => `${d.line} ${d.message.split(';')[0]}`);
}

describe('index/rows finds each written row whether or not it stands in its place', () => {
  test('rows in order: no findings', () => {
    expect(findings((l) => l)).toEqual([]);
  });

  test('a row written twice is reported once, the rows after it still found', () => {
    expect(findings((l) => [...l.slice(0, 6), l[5]!, ...l.slice(6)])).toEqual(['7 plan chat-feature/chat-infrastructure is listed twice']);
  });

  test('a row left out is reported missing', () => {
    expect(findings((l) => [...l.slice(0, 6), ...l.slice(7)])).toEqual(['3 plan chat-feature/chat-workflow-engine is missing from the plans table']);
  });

  test('a row linking no plan shifts the others, which are still found', () => {
    expect(findings((l) => [...l.slice(0, 4), '| [nope](nope/) | draft | — | chat | M | high | @alex | — |', ...l.slice(4)])).toEqual([
      '5 index row links "nope/", which is not a plan folder',
    ]);
  });

  test('two children swapped: both found, neither reported', () => {
    expect(findings((l) => [...l.slice(0, 5), l[6]!, l[5]!, ...l.slice(7)])).toEqual([]);
  });
});
