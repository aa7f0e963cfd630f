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
