import { describe, expect, it } from 'vitest';
import { freezeSnapshot, headerStatus, saysFrozen } from '../../src/lifecycle/freeze.js';
import { parsePlan } from '../../src/parse/plan.js';

const HEADER = (status: string, example: string[]) =>
  ['# Plan: Fenced', '', ...example, `**Status:** ${status}`, '**Author:** @alex', '', '## Context', '', 'Why.', ''].join('\n');

describe('the freeze fingerprint reads header fields as the parser does', () => {
  it('ignores a Status example inside a fenced code block', () => {
    const text = HEADER('in_review', ['```markdown', '**Status:** approved', '```', '']);
    expect(parsePlan(text).plan.header.status).toBe('in_review');
    expect(headerStatus(text)).toBe('in_review');
    expect(saysFrozen(text)).toBe(false);
  });

  it('reads lone CR documents line by line', () => {
    const lf = HEADER('approved', []);
    const cr = lf.replace(/\n/g, '\r');
    expect(headerStatus(cr)).toBe('approved');
    expect(freezeSnapshot(cr).sections.map((s) => s.key)).toEqual(freezeSnapshot(lf).sections.map((s) => s.key));
  });
});
