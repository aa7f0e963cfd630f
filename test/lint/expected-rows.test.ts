import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedPlaces } from '../../src/lint/expected-rows.js';

describe('expectedPlaces', () => {
  it('finds the place of the row with the key, wherever the written row stands', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 }),
        fc.constantFrom('a', 'b', 'c', 'x'),
        fc.nat(7),
        (keys, key, place) => {
          const placeOf = expectedPlaces(
            keys.map((k) => ({ k })),
            (r) => r.k,
          );
          expect(placeOf(key, place)).toBe((keys as string[]).indexOf(key));
        },
      ),
    );
  });
});
