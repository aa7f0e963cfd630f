/**
 * The structural outline of a markdown document: what the plan/feature/index readers need from
 * markdown syntax. Two producers exist — the fast line scanner (`scanOutline`) used for bulk
 * loading, and the remark + remark-gfm one (`remarkOutline`) used as the reference. A differential
 * test keeps them in agreement.
 *
 * It holds the ATX headings and GFM tables that are children of the document (not those inside
 * list items or block quotes), and the fenced code blocks anywhere outside block quotes.
 */
export interface OutlineHeading {
  depth: number;
  /** Raw inline markdown of the heading, without the `#` markers and closing sequence. */
  text: string;
  line: number;
  column: number;
}

interface OutlineTableRow {
  line: number;
  /** Raw inline markdown of each cell, trimmed of spaces and tabs; `\|` kept as written. */
  cells: string[];
}

export interface OutlineTable {
  line: number;
  endLine: number;
  header: string[];
  rows: OutlineTableRow[];
}

interface OutlineCode {
  /** First and last line of the code block: the fences, or the last non-blank line of an unclosed one. */
  line: number;
  endLine: number;
}

export interface Outline {
  headings: OutlineHeading[];
  tables: OutlineTable[];
  code: OutlineCode[];
}

/**
 * Split a GFM table row (`line` from `from`) into trimmed cells as GFM does: a leading and a
 * trailing `|` open and close the row, `\|` is an escaped pipe (kept in the cell as written),
 * `\\` an escaped backslash. Cells are trimmed of spaces and tabs only (a literal U+2002 indent
 * survives). Pipes inside code spans split cells too, as in GFM.
 */
export function splitRow(line: string, from = 0): string[] {
  const cells: string[] = [];
  let start = from;
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  if (line.charCodeAt(start) === 124) start++;
  let cellStart = start;
  let lastPipe = -1;
  for (let i = start; i < end; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 92) {
      const next = line.charCodeAt(i + 1);
      if (next === 92 || next === 124) i++;
    } else if (ch === 124) {
      cells.push(trimmedSlice(line, cellStart, i));
      cellStart = i + 1;
      lastPipe = i;
    }
  }
  if (lastPipe !== end - 1 || cells.length === 0) cells.push(trimmedSlice(line, cellStart, end));
  return cells;
}

/** `trimSpaces(line.slice(a, b))`, slicing once. */
function trimmedSlice(line: string, a: number, b: number): string {
  while (a < b && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
  while (b > a && (line.charCodeAt(b - 1) === 32 || line.charCodeAt(b - 1) === 9)) b--;
  return line.slice(a, b);
}

/** Trim spaces and tabs (not other Unicode white space) from both ends. */
export function trimSpaces(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

/** The number of cells `splitRow(line.slice(from))` returns, without allocating them. */
export function countCells(line: string, from = 0): number {
  let start = from;
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  if (line.charCodeAt(start) === 124) start++;
  let cells = 0;
  let lastPipe = -1;
  for (let i = start; i < end; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 92) {
      const next = line.charCodeAt(i + 1);
      if (next === 92 || next === 124) i++;
    } else if (ch === 124) {
      cells++;
      lastPipe = i;
    }
  }
  return lastPipe !== end - 1 || cells === 0 ? cells + 1 : cells;
}
