/**
 * The place of the expected row a written table row stands for, by its key (a plan path): the
 * written row's own place first (a table in order has every row there), else by key, the map
 * of keys built on the first miss; -1 when no expected row has the key. Linear in the rows.
 */
export function expectedPlaces<T>(expected: readonly T[], keyOf: (row: T) => string | undefined): (key: string, place: number) => number {
  let byKey: Map<string | undefined, number> | undefined;
  return (key, place) => {
    if (place < expected.length && keyOf(expected[place]!) === key) return place;
    byKey ??= new Map(expected.map((r, k) => [keyOf(r), k]));
    return byKey.get(key) ?? -1;
  };
}
