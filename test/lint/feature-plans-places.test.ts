import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { RULE_FIXTURES, tempCopy } from '../support/index-helpers.js';

/** feature/plans-table findings (line and message up to its `;`) for the fixture's feature with the lines of its document edited (0-based). */
function findings(edit: (lines: string[]) => string[]): string[] {
  const root = tempCopy(path.join(RULE_FIXTURES, 'feature/plans-table', 'ok'));
  const file = path.join(root, 'spec/features/chat/README.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8').split('\n')).join('\n'));
  return lintRepo(loadRepo(root))
    .diagnostics.filter((d) => d.rule === 'feature/plans-table')
    .map((d) => `${d.line} ${d.message.split(';')[0]}`);
}

describe('feature/plans-table finds each written row whether or not it stands in its place', () => {
  test('rows in order: no findings', () => {
    expect(findings((l) => l)).toEqual([]);
  });

  test('a row written twice is reported once, the rows after it still found', () => {
    expect(findings((l) => [...l.slice(0, 13), l[12]!, ...l.slice(13)])).toEqual(['14 plan chat-feature is listed twice']);
  });

  test('a row left out is reported missing at the table', () => {
    expect(findings((l) => [...l.slice(0, 13), ...l.slice(14)])).toEqual(['11 plan chat-infrastructure lists this feature but has no row in the Plans table']);
  });

  test('a row linking no plan shifts the others, which are still found', () => {
    expect(findings((l) => [...l.slice(0, 12), '| [nope](../../plans/nope/) | draft | @alex | — |', ...l.slice(12)])).toEqual([
      '13 row links "../../plans/nope/" (spec/plans/nope), which is not a plan folder',
    ]);
  });

  test('rows swapped: all found, a wrong value reported on its row', () => {
    expect(findings((l) => [...l.slice(0, 12), l[14]!, l[13]!.replace('@alex', '@sam'), l[12]!, ...l.slice(15)])).toEqual([
      '14 row for plan chat-feature/chat-infrastructure has Author "@sam"',
    ]);
  });
});
