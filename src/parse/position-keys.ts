/**
 * Interned position keys (`steps.2.acceptanceCriteria.0`, `header.status`, …). A plan holds
 * dozens of positions and a repository tens of thousands of plans: building each key by string
 * concatenation and hashing it again on insertion was a measurable part of bulk loading, so
 * keys are built once per shape and reused.
 */
const cache = new Map<string, string[]>();

/** Indexes up to this are interned; larger ones (only in huge documents) are built each time. */
const MAX_INDEX = 256;

/** `${prefix}${index}`, interned for small indexes. */
export function indexedKey(prefix: string, index: number): string {
  if (index >= MAX_INDEX) return `${prefix}${index}`;
  let table = cache.get(prefix);
  if (!table) cache.set(prefix, (table = []));
  return (table[index] ??= `${prefix}${index}`);
}

const joined = new Map<string, Map<string, string>>();

/** `${a}.${b}`, built once per pair (the table stops growing at a few thousand prefixes). */
export function joinKey(a: string, b: string): string {
  let inner = joined.get(a);
  if (!inner) {
    if (joined.size >= 4096) return `${a}.${b}`;
    joined.set(a, (inner = new Map()));
  }
  let key = inner.get(b);
  if (key === undefined) inner.set(b, (key = `${a}.${b}`));
  return key;
}

/** Interned positions by column, then line: a repository of plans holds hundreds of thousands. */
const positionTable: Array<Array<Readonly<{ line: number; column: number }>>> = [];
const MAX_INTERNED_LINE = 1 << 16;
const MAX_INTERNED_COLUMN = 64;

/**
 * The position `line`:`column`, one frozen object per pair (within bounds), so the positions of
 * every plan share a few thousand objects instead of each allocating its own.
 */
export function positionAt(line: number, column: number): Readonly<{ line: number; column: number }> {
  if (line >= MAX_INTERNED_LINE || column >= MAX_INTERNED_COLUMN || line < 0 || column < 0) return Object.freeze({ line, column });
  const byLine = (positionTable[column] ??= []);
  return (byLine[line] ??= Object.freeze({ line, column }));
}
