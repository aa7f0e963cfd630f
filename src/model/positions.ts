import type { Position } from './common.js';

/** Interned positions by column, then line: a repository of plans holds hundreds of thousands. */
const positionTable: Array<Array<Readonly<Position>>> = [];
const MAX_INTERNED_LINE = 1 << 16;
const MAX_INTERNED_COLUMN = 64;

/**
 * The position `line`:`column`, one frozen object per pair (within bounds), so the positions of
 * every plan share a few thousand objects instead of each allocating its own.
 */
export function positionAt(line: number, column: number): Readonly<Position> {
  if (line >= MAX_INTERNED_LINE || column >= MAX_INTERNED_COLUMN || line < 0 || column < 0) return Object.freeze({ line, column });
  const byLine = (positionTable[column] ??= []);
  return (byLine[line] ??= Object.freeze({ line, column }));
}

/** Key numbers shared by every table of the process: field paths repeat from plan to plan. */
const keyIds = new Map<string, number>();
const keyNames: string[] = [];
/** The largest value one UTF-16 code unit holds: a key number, line or column above it is kept apart. */
const MAX_CODE = 0xffff;
/** Tables with more entries than this get an index for lookups (a plan of hundreds of steps). */
const SCAN_LIMIT = 64;

function keyIdOf(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    if (keyNames.length > MAX_CODE) return -1;
    id = keyNames.length;
    keyNames.push(key);
    keyIds.set(key, id);
  }
  return id;
}

/**
 * Entries written and not yet sealed, of the one table that holds it (`sharedBy`): a parser fills
 * one table at a time and seals it, so one buffer, kept from table to table, serves them all
 * without growing an array for each. `sharedLength` numbers of it are that table's.
 */
const shared: number[] = [];
let sharedLength = 0;
let sharedBy: Positions | null = null;

/**
 * Positions of model fields, keyed by path: `header.status`, `steps.1.dependsOn`,
 * `steps.1.subSteps.0`. A plan holds about fifty and a large repository tens of thousands of
 * plans, so a table is kept packed: each entry is three UTF-16 code units (key number, line,
 * column) of one string, about 6 bytes where a property table takes about 46. Entries that do not
 * fit (a line past 65,535) are kept in a small map beside it. A key written twice keeps its last
 * position, at the place of its first write.
 */
export class Positions {
  /** Sealed entries: key number, line, column as code units (two equal tables hold equal strings). */
  private codes = '';
  /** Entries that do not fit a code unit, by key. */
  private outsized: Map<string, Readonly<Position>> | null = null;
  /** Entries written since the last seal, as numbers (`shared` when this table holds it). */
  #pending: number[] | null = null;
  /** Key number → offset in `codes` of its last entry, built for large tables on the first lookup. */
  #index: Map<number, number> | null = null;

  /** Record that `key` is written at `line`:`column`. */
  set(key: string, line: number, column: number): void {
    const id = keyIdOf(key);
    if (id < 0 || line > MAX_CODE || column > MAX_CODE || line < 0 || column < 0) {
      (this.outsized ??= new Map()).set(key, positionAt(line, column));
      return;
    }
    this.outsized?.delete(key);
    let pending = this.#pending;
    if (pending === null) {
      // The first table to write takes the shared buffer; another writing meanwhile has its own.
      if (sharedBy === null) {
        sharedBy = this;
        sharedLength = 0;
        pending = shared;
      } else pending = [];
      this.#pending = pending;
    }
    if (pending === shared) {
      shared[sharedLength++] = id;
      shared[sharedLength++] = line;
      shared[sharedLength++] = column;
    } else pending.push(id, line, column);
  }

  /** Pack the entries written so far (a parser calls this once it has read the document). */
  seal(): void {
    const pending = this.#pending;
    if (pending === null) return;
    this.#pending = null;
    const length = pending === shared ? sharedLength : pending.length;
    if (pending === shared) sharedBy = null;
    let codes = this.codes;
    for (let i = 0; i < length; i += 8190) codes += String.fromCharCode(...pending.slice(i, Math.min(i + 8190, length)));
    this.codes = codes;
    this.#index = null;
  }

  /** Where `key` is written, or undefined. */
  get(key: string): Readonly<Position> | undefined {
    this.seal();
    const outsized = this.outsized?.get(key);
    if (outsized) return outsized;
    const id = keyIds.get(key);
    if (id === undefined) return undefined;
    const codes = this.codes;
    let at = -1;
    if (codes.length > SCAN_LIMIT * 3) {
      if (!this.#index) {
        const index = new Map<number, number>();
        for (let i = 0; i < codes.length; i += 3) index.set(codes.charCodeAt(i), i);
        this.#index = index;
      }
      at = this.#index.get(id) ?? -1;
    } else {
      for (let i = codes.length - 3; i >= 0; i -= 3)
        if (codes.charCodeAt(i) === id) {
          at = i;
          break;
        }
    }
    return at < 0 ? undefined : positionAt(codes.charCodeAt(at + 1), codes.charCodeAt(at + 2));
  }

  /** Every key and its position, in the order the keys were first written (entries past 65,535 last). */
  entries(): Array<[string, Readonly<Position>]> {
    this.seal();
    const out = new Map<string, Readonly<Position>>();
    const codes = this.codes;
    for (let i = 0; i < codes.length; i += 3) out.set(keyNames[codes.charCodeAt(i)]!, positionAt(codes.charCodeAt(i + 1), codes.charCodeAt(i + 2)));
    if (this.outsized) for (const [key, at] of this.outsized) out.set(key, at);
    return [...out];
  }

  /**
   * Every entry as one line `key line:column`, in the order of `entries` (two tables with the
   * same entries give the same listing), without building the entries.
   */
  listing(): string {
    this.seal();
    const codes = this.codes;
    const last = new Map<string, string>();
    for (let i = 0; i < codes.length; i += 3) last.set(keyNames[codes.charCodeAt(i)]!, `${codes.charCodeAt(i + 1)}:${codes.charCodeAt(i + 2)}`);
    if (this.outsized) for (const [key, at] of this.outsized) last.set(key, `${at.line}:${at.column}`);
    let out = '';
    for (const [key, at] of last) out += `${key} ${at}\n`;
    return out;
  }

  /** As JSON, the plain `{ key: { line, column } }` record the entries describe. */
  toJSON(): Record<string, Readonly<Position>> {
    return Object.fromEntries(this.entries());
  }
}
