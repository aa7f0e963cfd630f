import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import type { Position } from '../../src/model/common.js';
import { Positions, positionAt } from '../../src/model/positions.js';

/** A sealed table with these entries, in order. */
function tableOf(entries: Iterable<readonly [string, Position]>): Positions {
  const table = new Positions();
  for (const [key, at] of entries) table.set(key, at.line, at.column);
  table.seal();
  return table;
}

describe('Positions: a packed table of field positions', () => {
  it('answers what was written, and undefined for what was not', () => {
    const t = new Positions();
    t.set('title', 1, 1);
    t.set('header.status', 3, 1);
    t.set('steps.0.acceptanceCriteria.2', 40, 3);
    t.seal();
    expect(t.get('title')).toEqual({ line: 1, column: 1 });
    expect(t.get('header.status')).toBe(positionAt(3, 1));
    expect(t.get('steps.0.acceptanceCriteria.2')).toEqual({ line: 40, column: 3 });
    expect(t.get('header.author')).toBeUndefined();
    expect(t.get('a key no table has ever held')).toBeUndefined();
    expect(t.get('__proto__')).toBeUndefined();
  });

  it('keeps the last position of a key written twice, in the place of its first write', () => {
    const t = new Positions();
    t.set('a', 1, 1);
    t.set('b', 2, 1);
    t.set('a', 5, 2);
    expect(t.get('a')).toEqual({ line: 5, column: 2 });
    expect(t.entries()).toEqual([
      ['a', { line: 5, column: 2 }],
      ['b', { line: 2, column: 1 }],
    ]);
  });

  it('takes writes after a lookup (sealing again)', () => {
    const t = new Positions();
    t.set('a', 1, 1);
    expect(t.get('a')).toEqual({ line: 1, column: 1 });
    t.set('b', 2, 4);
    expect(t.get('b')).toEqual({ line: 2, column: 4 });
    expect(t.get('a')).toEqual({ line: 1, column: 1 });
  });

  it('holds lines and columns beyond one code unit, and a key moved back within range', () => {
    const t = new Positions();
    t.set('far', 70_000, 1);
    t.set('wide', 2, 100_000);
    t.set('near', 65_535, 65_535);
    expect(t.get('far')).toEqual({ line: 70_000, column: 1 });
    expect(t.get('wide')).toEqual({ line: 2, column: 100_000 });
    expect(t.get('near')).toEqual({ line: 65_535, column: 65_535 });
    t.set('far', 9, 9);
    expect(t.get('far')).toEqual({ line: 9, column: 9 });
    expect(Object.fromEntries(t.entries())).toEqual({
      far: { line: 9, column: 9 },
      wide: { line: 2, column: 100_000 },
      near: { line: 65_535, column: 65_535 },
    });
  });

  it('answers a table of thousands of entries the same way (through its index)', () => {
    const t = new Positions();
    for (let i = 0; i < 3000; i++) t.set(`steps.${i}`, i + 10, 1);
    t.set('steps.7', 5, 5);
    t.seal();
    for (let i = 0; i < 3000; i++) expect(t.get(`steps.${i}`)).toEqual(i === 7 ? { line: 5, column: 5 } : { line: i + 10, column: 1 });
    expect(t.get('steps.3000')).toBeUndefined();
    expect(t.entries()).toHaveLength(3000);
  });

  it('is equal to a table of the same entries, and to one built from them', () => {
    const a = new Positions();
    const b = new Positions();
    for (const t of [a, b]) {
      t.set('title', 1, 1);
      t.set('steps.0', 9, 1);
      t.seal();
    }
    a.get('title');
    expect(a).toEqual(b);
    expect(tableOf(a.entries())).toEqual(a);
    const c = tableOf([['title', { line: 1, column: 1 }]]);
    expect(c).not.toEqual(a);
  });

  it('is written as JSON as a plain record, the same however often a key was written', () => {
    const once = new Positions();
    once.set('title', 1, 1);
    once.set('header.status', 4, 1);
    const twice = new Positions();
    twice.set('title', 1, 1);
    twice.set('header.status', 3, 1);
    twice.set('header.status', 4, 1);
    expect(JSON.stringify(twice)).toBe('{"title":{"line":1,"column":1},"header.status":{"line":4,"column":1}}');
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
  });
});

describe('Positions written side by side', () => {
  it('hold what each was given, however their writes, seals and reads interleave', () => {
    const next = rng(21);
    for (let n = 0; n < 500; n++) {
      const tables = [new Positions(), new Positions(), new Positions()];
      const written: Array<Array<[string, Position]>> = [[], [], []];
      for (let k = 0; k < 60; k++) {
        const t = Math.floor(next() * 3);
        const act = next();
        if (act < 0.8) {
          const entry: [string, Position] = [`k${Math.floor(next() * 12)}`, { line: 1 + Math.floor(next() * 99), column: 1 + Math.floor(next() * 9) }];
          tables[t]!.set(entry[0], entry[1].line, entry[1].column);
          written[t]!.push(entry);
        } else if (act < 0.9) tables[t]!.seal();
        else expect(tables[t]!.listing()).toBe(tableOf(written[t]!).listing());
      }
      for (let t = 0; t < 3; t++) expect(tables[t]!.entries()).toEqual(tableOf(written[t]!).entries());
    }
  });
});
