import { describe, expect, test } from 'vitest';
import rule from '../../src/lint/rules/plan-no-completion-markers.js';
import type { RuleContext } from '../../src/lint/rule.js';
import { proseLines } from '../../src/lint/prose-lines.js';
import type { SpecRepo } from '../../src/model/repository.js';

/** The lines plan/no-completion-markers reports in one plan text. */
function reported(text: string): number[] {
  const lines: number[] = [];
  const plans = new Map([['p', { path: 'p', file: 'spec/plans/p/README.md', text }]]);
  const ctx = {
    repo: { plans } as unknown as SpecRepo,
    facts: { proseLines: (entry: { text: string }) => proseLines(entry.text) },
    report: (_f: string, at: { line: number } | null) => lines.push(at?.line ?? 0),
  };
  rule.check(ctx as unknown as RuleContext);
  return lines;
}

describe('plan/no-completion-markers reads the lines only of plans that may hold a marker, and misses none', () => {
  const header = '# Plan: p\n\n**Status:** approved\n**Features:** none\n';
  test('a marker below the header is found whatever makes the first section', () => {
    expect(reported(`${header}\n## Steps\n\n### 1. One (done)\n`)).toEqual([8]);
    expect(reported(`\uFEFF${header}\n## Steps\n\n## Two - shipped\n`)).toEqual([8]);
    expect(reported(`${header.replace(/\n/g, '\r\n')}\r\n## Steps\r\n\r\n| a | done |\r\n`)).toEqual([8]);
    expect(reported(`# T\n## S\n**Status:** done\n`)).toEqual([3]);
  });

  test('the header and plans without a marker are not reported', () => {
    expect(reported(`${header}\n## Steps\n\n### 1. One\n`)).toEqual([]);
    expect(reported(`${header}**Status:** done\n`)).toEqual([]);
    expect(reported(`${header}`)).toEqual([]);
    // Only an ATX heading starts a section: below a setext one the lines are still the header's.
    expect(reported(`${header}\nSteps\n-----\n\n- [x] one\n`)).toEqual([]);
    expect(reported(`${header}\n- ## list\n\n- [x] one\n`)).toEqual([]);
  });
});
