import { describe, expect, test } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import { normalizeTitle, parseDependsOn } from '../../src/parse/plan.js';

/** `normalizeTitle` by its definition. */
function titleByDefinition(text: string): string {
  if (/^[^*_`\s]+(?: [^*_`\s]+)*$/.test(text)) return text.toLowerCase();
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function generated(seed: number, pieces: readonly string[], max: number, count: number): string[] {
  const next = rng(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const len = Math.floor(next() * max);
    for (let k = 0; k < len; k++) text += pieces[Math.floor(next() * pieces.length)];
    out.push(text);
  }
  return out;
}

describe('normalizeTitle', () => {
  test('agrees with its definition on 20,000 generated titles', () => {
    for (const text of generated(17, ['Steps', 'a', 'B', ' ', ' ', '  ', '*', '_', '`', '\t', '\u00a0', '\u2028', 'é', '\ud83d\ude00'], 7, 20_000))
      expect(normalizeTitle(text), JSON.stringify(text)).toBe(titleByDefinition(text));
  });
});

describe('parseDependsOn', () => {
  test('reads the canonical form "Step 1, Steps 2.1" as every other form, on 20,000 generated values', () => {
    const simple = /^Steps? \d+(?:\.\d+)*(?:, ?Steps? \d+(?:\.\d+)*)*$/;
    let canonical = 0;
    for (const text of generated(19, ['Step ', 'Steps ', '1', '2.1', ', ', ',', ' ', 'and ', '(none)'], 6, 20_000)) {
      const v = text.trim();
      if (!simple.test(v)) continue;
      canonical++;
      expect(parseDependsOn(text), JSON.stringify(text)).toEqual(v.split(',').map((t) => t.trim().replace(/^Steps? /, '')));
    }
    expect(canonical).toBeGreaterThan(200);
  });
});
