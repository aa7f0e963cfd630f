import { describe, expect, test } from 'vitest';
import { positionAt } from '../../src/model/positions.js';
import { parsePlan } from '../../src/parse/plan.js';

describe('positions are shared, immutable objects', () => {
  test('one object per line and column, frozen, with the right values at any size', () => {
    expect(positionAt(3, 1)).toBe(positionAt(3, 1));
    expect(positionAt(3, 1)).toEqual({ line: 3, column: 1 });
    expect(Object.isFrozen(positionAt(3, 1))).toBe(true);
    for (const [line, column] of [
      [70_000, 1],
      [2, 500],
      [0, 0],
    ] as const)
      expect(positionAt(line, column)).toEqual({ line, column });
  });

  test('two plans with fields on the same lines share their positions', () => {
    const text = (n: number) => `# Plan: p${n}\n\n**Status:** draft\n**Features:** none\n\n## Steps\n\n### 1. One\n\n**Depends on:** none\n`;
    const a = parsePlan(text(1)).positions;
    const b = parsePlan(text(2)).positions;
    expect(a.get('header.status')).toEqual({ line: 3, column: 1 });
    expect(a.get('header.status')).toBe(b.get('header.status'));
    expect(a.get('steps.0')).toBe(b.get('steps.0'));
    expect(() => {
      (a.get('header.status') as { line: number }).line = 9;
    }).toThrow();
  });
});
