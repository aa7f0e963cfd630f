import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { RULE_FIXTURES, tempCopy } from '../support/index-helpers.js';

/** index/rows findings (line and message up to its `;`) for the roadmap fixture's index with its lines edited. */
function indexFindings(edit: (lines: string[]) => string[]): string[] {
  const root = tempCopy(path.join(RULE_FIXTURES, 'roadmap/child-plans', 'ok'));
  const file = path.join(root, 'spec/plans/README.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8').split('\n')).join('\n'));
  return lintRepo(loadRepo(root))
    .diagnostics.filter((d) => d.rule === 'index/rows')
    .map((d) => `${d.line} ${d.message.split(';')[0]}`);
}

describe('index/rows finds each written row whether or not it stands in its place', () => {
  test('rows in order: no findings', () => {
    expect(indexFindings((l) => l)).toEqual([]);
  });

  test('a row written twice is reported once, the rows after it still found', () => {
    expect(indexFindings((l) => [...l.slice(0, 6), l[5]!, ...l.slice(6)])).toEqual(['7 plan chat-feature/chat-infrastructure is listed twice']);
  });

  test('a row left out is reported missing', () => {
    expect(indexFindings((l) => [...l.slice(0, 6), ...l.slice(7)])).toEqual(['3 plan chat-feature/chat-workflow-engine is missing from the plans table']);
  });

  test('a row linking no plan shifts the others, which are still found', () => {
    expect(indexFindings((l) => [...l.slice(0, 4), '| [nope](nope/) | draft | — | chat | M | high | @alex | — |', ...l.slice(4)])).toEqual([
      '5 index row links "nope/", which is not a plan folder',
    ]);
  });

  test('two children swapped: both found, neither reported', () => {
    expect(indexFindings((l) => [...l.slice(0, 5), l[6]!, l[5]!, ...l.slice(7)])).toEqual([]);
  });
});

/** feature/plans-table findings (line and message up to its `;`) for the fixture's feature with the lines of its document edited (0-based). */
function featureFindings(edit: (lines: string[]) => string[]): string[] {
  const root = tempCopy(path.join(RULE_FIXTURES, 'feature/plans-table', 'ok'));
  const file = path.join(root, 'spec/features/chat/README.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8').split('\n')).join('\n'));
  return lintRepo(loadRepo(root))
    .diagnostics.filter((d) => d.rule === 'feature/plans-table')
    .map((d) => `${d.line} ${d.message.split(';')[0]}`);
}

describe('feature/plans-table finds each written row whether or not it stands in its place', () => {
  test('rows in order: no findings', () => {
    expect(featureFindings((l) => l)).toEqual([]);
  });

  test('a row written twice is reported once, the rows after it still found', () => {
    expect(featureFindings((l) => [...l.slice(0, 13), l[12]!, ...l.slice(13)])).toEqual(['14 plan chat-feature is listed twice']);
  });

  test('a row left out is reported missing at the table', () => {
    expect(featureFindings((l) => [...l.slice(0, 13), ...l.slice(14)])).toEqual([
      '11 plan chat-infrastructure lists this feature but has no row in the Plans table',
    ]);
  });

  test('a row linking no plan shifts the others, which are still found', () => {
    expect(featureFindings((l) => [...l.slice(0, 12), '| [nope](../../plans/nope/) | draft | @alex | — |', ...l.slice(12)])).toEqual([
      '13 row links "../../plans/nope/" (spec/plans/nope), which is not a plan folder',
    ]);
  });

  test('rows swapped: all found, a wrong value reported on its row', () => {
    expect(featureFindings((l) => [...l.slice(0, 12), l[14]!, l[13]!.replace('@alex', '@sam'), l[12]!, ...l.slice(15)])).toEqual([
      '14 row for plan chat-feature/chat-infrastructure has Author "@sam"',
    ]);
  });
});
