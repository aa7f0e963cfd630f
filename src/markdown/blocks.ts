import type { Link } from '../model/common.js';
import type { Outline } from './outline.js';

/** A set of 1-based line numbers. */
export interface LineSet {
  has(line: number): boolean;
}

const EMPTY_LINES: LineSet = { has: () => false };

/**
 * The 1-based line numbers that lie inside fenced code blocks (fences included). The blocks of
 * an outline are in document order and apart, so a line is looked up among them by bisection;
 * any other list of blocks is marked line by line.
 */
export function codeLineSet(outline: Outline): LineSet {
  const code = outline.code;
  if (code.length === 0) return EMPTY_LINES;
  let ordered = code[0]!.line >= 0;
  for (let k = 0; k < code.length && ordered; k++) ordered = code[k]!.line <= code[k]!.endLine && (k === 0 || code[k]!.line > code[k - 1]!.endLine);
  if (ordered) return { has: (line) => inBlocks(code, line) };
  const last = code[code.length - 1]!.endLine;
  const marks = new Uint8Array(last + 2);
  for (const c of code) marks.fill(1, c.line, c.endLine + 1);
  return { has: (line) => line >= 0 && line < marks.length && marks[line] === 1 };
}

/** True when `line` lies in one of `blocks` (in order and apart). */
function inBlocks(blocks: Outline['code'], line: number): boolean {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (line < b.line) hi = mid - 1;
    else if (line > b.endLine) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Join lines[from..to) (0-based) and trim blank lines at both ends. */
export function joinTrimmed(lines: readonly string[], from: number, to: number): string {
  let a = from;
  let b = Math.min(to, lines.length);
  while (a < b && isBlank(lines[a] ?? '')) a++;
  while (b > a && isBlank(lines[b - 1] ?? '')) b--;
  if (b - a === 1) return lines[a]!;
  return a >= b ? '' : (sliceOfSource(lines, a, b) ?? lines.slice(a, b).join('\n'));
}

/**
 * The lines last split from a text at "\n" (`splitLines`), that text, and each line's offset
 * once asked for (in a buffer kept from document to document). Only the last split is kept:
 * a reader splits a document and reads it before it splits the next.
 */
let recentLines: readonly string[] | null = null;
let recentText = '';
/** Offsets of `recentLines`, once asked for. */
let recentStarts: Int32Array | null = null;
/** The offsets' buffer reused from document to document (one of more than 65,536 lines is not kept). */
let spareStarts = new Int32Array(1024);

/**
 * Remember that `lines` are `text` split at every "\n" (and nothing else), so that lines joined
 * back can be a slice of `text` rather than a copy: a document's step and section bodies then
 * share its text's memory.
 */
export function markSplitFrom(lines: readonly string[], text: string): void {
  recentLines = lines;
  recentText = text;
  recentStarts = null;
}

/**
 * `lines[a..b)` joined by "\n" as a slice of the text they were split from, or null when they
 * were not the last lines split (or no longer are: each line is checked against the text, so
 * an array changed since is never misread).
 */
function sliceOfSource(lines: readonly string[], a: number, b: number): string | null {
  if (lines !== recentLines) return null;
  if (recentStarts === null) {
    const n = lines.length;
    const buffer = spareStarts.length >= n ? spareStarts : new Int32Array(n);
    if (n <= 65_536) spareStarts = buffer;
    let at = 0;
    for (let i = 0; i < n; i++) {
      buffer[i] = at;
      at += lines[i]!.length + 1;
    }
    recentStarts = buffer.subarray(0, n);
  }
  const text = recentText;
  const starts = recentStarts;
  if (starts.length !== lines.length) return null;
  for (let k = a; k < b; k++) {
    const line = lines[k]!;
    const at = starts[k]!;
    if (!text.startsWith(line, at)) return null;
    if (k + 1 < b && (text.charCodeAt(at + line.length) !== 10 || starts[k + 1] !== at + line.length + 1)) return null;
  }
  return text.slice(starts[a]!, starts[b - 1]! + lines[b - 1]!.length);
}

// Link text may hold one level of brackets. Linear on any input: a run of `[`, `](` or quotes
// cannot make it backtrack over the rest of the document.
const LINK = /\[((?:[^[\]\\]|\\.|\[[^[\]\\]*\])*)\]\(\s*<?([^()\s<>]*)>?(?:\s+"[^"\n]*")?\s*\)/g;

/** Every inline link `[text](href)` in a piece of markdown, in order, with the offset of its `[`. */
export function findLinks(markdown: string): Array<Link & { index: number }> {
  const out: Array<Link & { index: number }> = [];
  if (markdown.indexOf('](') < 0) return out;
  LINK.lastIndex = 0;
  for (let m = LINK.exec(markdown); m !== null; m = LINK.exec(markdown)) out.push({ text: m[1] ?? '', href: m[2] ?? '', index: m.index });
  return out;
}

/** Every inline link `[text](href)` in a piece of markdown, in order. */
export function extractLinks(markdown: string): Link[] {
  return findLinks(markdown).map(({ text, href }) => ({ text, href }));
}

/** The first link in a cell or value, or null (the first match of `findLinks`). */
export function firstLink(markdown: string): Link | null {
  if (markdown.indexOf('](') < 0) return null;
  LINK.lastIndex = 0;
  const m = LINK.exec(markdown);
  return m === null ? null : { text: m[1] ?? '', href: m[2] ?? '' };
}

/**
 * `**Name:** value` (or `**Name**: value`) at the start of a line → [name, value]. Equivalent to
 * /^\*\*([^*\n]+?)(?::\*\*|\*\*:)[ \t]*(.*)$/ with both groups trimmed, without the regex.
 */
export function matchField(line: string): [string, string] | null {
  const end = fieldNameEnd(line);
  return end < 0 ? null : [fieldName(line, end), fieldValue(line, end)];
}

/**
 * Where the name of a `**Name:** value` field line ends (the index of its `:**` or `**:`), or -1
 * when the line is not one (see `matchField`); the name and value are `fieldName` and `fieldValue`.
 */
export function fieldNameEnd(line: string): number {
  if (line.charCodeAt(0) !== 42 || line.charCodeAt(1) !== 42) return -1;
  const n = line.length;
  let end = -1;
  for (let i = 2; i < n; i++) {
    const ch = line.charCodeAt(i);
    if (i > 2 && ch === 58 && line.charCodeAt(i + 1) === 42 && line.charCodeAt(i + 2) === 42) {
      end = i;
      break;
    }
    if (ch === 42) {
      if (i > 2 && line.charCodeAt(i + 1) === 42 && line.charCodeAt(i + 2) === 58) end = i;
      break;
    }
    if (ch === 10) break;
  }
  if (end < 0) return -1;
  for (let i = end + 3; i < n; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) return -1;
  }
  return end;
}

/** The trimmed name of a field line whose name ends at `end` (`fieldNameEnd`). */
export function fieldName(line: string, end: number): string {
  return line.slice(2, end).trim();
}

/** The trimmed value of a field line whose name ends at `end` (`fieldNameEnd`). */
export function fieldValue(line: string, end: number): string {
  return line.slice(end + 3).trim();
}

/**
 * A bullet list item line (`- x`, `* x`, `+ x`, indented or not): the marker's indent and where
 * its text starts, or null. Same as /^(\s*)([-*+])[ \t]+(.*)$/ without the allocation.
 */
export function bulletAt(line: string): { indent: number; text: number } | null {
  const text = bulletTextAt(line);
  if (text < 0) return null;
  let p = 0;
  while (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9) p++;
  return { indent: p, text };
}

/** Where the text of a bullet list item line starts (see `bulletAt`), or -1. */
function bulletTextAt(line: string): number {
  let p = 0;
  const n = line.length;
  while (p < n && (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9)) p++;
  const ch = line.charCodeAt(p);
  if (ch !== 45 && ch !== 42 && ch !== 43) return -1;
  let q = p + 1;
  if (q >= n || (line.charCodeAt(q) !== 32 && line.charCodeAt(q) !== 9)) return -1;
  while (q < n && (line.charCodeAt(q) === 32 || line.charCodeAt(q) === 9)) q++;
  return q;
}

export interface ListItem {
  text: string;
  line: number;
  column: number;
}

/**
 * Read a bullet list from lines[from..to): items at the first item's indent; continuation
 * lines (and deeper nested items) are joined to their item with `\n`, dedented by the item's
 * content offset. Returns the items and any text that stood before the first item.
 */
export function readList(lines: readonly string[], from: number, to: number): { items: ListItem[]; before: string; after: string } {
  const list = new ListReader();
  list.read(lines, from, to);
  const items: ListItem[] = [];
  for (let k = 0; k < list.count; k++) items.push({ text: list.texts[k]!, line: list.lines[k]!, column: list.columns[k]! });
  return { items, before: list.before, after: list.after };
}

/**
 * `readList` into arrays kept from list to list: after `read`, the first `count` entries of
 * `texts`, `lines` and `columns` are the items (text, 1-based line and column of the bullet).
 * A reader of many lists keeps one, so that reading a list allocates only the items' texts.
 */
export class ListReader {
  readonly texts: string[] = [];
  readonly lines: number[] = [];
  readonly columns: number[] = [];
  count = 0;
  /** Text before the first item, and after the list. */
  before = '';
  after = '';

  /** Read the list in lines[from..to). */
  read(lines: readonly string[], from: number, to: number): void {
    this.count = 0;
    let baseIndent = -1;
    let contentOffset = 2;
    let i = from;
    while (i < to && bulletTextAt(lines[i] ?? '') < 0) i++;
    this.before = joinTrimmed(lines, from, i);
    // The open item: its first line's text, then (only once a continuation line comes) every part,
    // blank lines between parts as ''. Blank lines after the last part are dropped.
    let first = '';
    let parts: string[] | null = null;
    let itemLine = 0;
    let blankRun = 0;
    let afterStart = to;
    for (; i < to; i++) {
      const line = lines[i] ?? '';
      const text = bulletTextAt(line);
      if (text >= 0) {
        let indent = 0;
        while (line.charCodeAt(indent) === 32 || line.charCodeAt(indent) === 9) indent++;
        if (baseIndent < 0 || indent <= baseIndent) {
          if (itemLine) this.add(parts === null ? first : parts.join('\n'), itemLine, baseIndent + 1);
          baseIndent = indent;
          contentOffset = baseIndent + 2;
          first = line.slice(text).trimEnd();
          parts = null;
          itemLine = i + 1;
          blankRun = 0;
          continue;
        }
      }
      if (isBlank(line)) {
        blankRun++;
        continue;
      }
      const indent = leadingWhiteSpace(line);
      if (blankRun > 0 && indent <= baseIndent) {
        afterStart = i;
        break;
      }
      parts ??= [first];
      for (; blankRun > 0; blankRun--) parts.push('');
      parts.push(indent >= contentOffset ? line.slice(contentOffset).trimEnd() : line.trim());
    }
    if (itemLine) this.add(parts === null ? first : parts.join('\n'), itemLine, baseIndent + 1);
    this.after = joinTrimmed(lines, afterStart, to);
  }

  /** The items' texts in an array of their exact length. */
  itemTexts(): string[] {
    return this.count === 0 ? [] : this.texts.slice(0, this.count);
  }

  private add(text: string, line: number, column: number): void {
    const k = this.count++;
    this.texts[k] = text;
    this.lines[k] = line;
    this.columns[k] = column;
  }
}

/** The number of white space characters (as `String.prototype.trimStart` counts them) a line starts with. */
function leadingWhiteSpace(line: string): number {
  let i = 0;
  while (i < line.length && isWhiteSpace(line.charCodeAt(i))) i++;
  return i;
}

/** White space and line terminators, as `String.prototype.trim` and `\s` know them. */
export function isWhiteSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x3000 ||
    c === 0x1680 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** True for a line of white space only. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isWhiteSpace(line.charCodeAt(i))) return false;
  return true;
}

/** Remove surrounding backticks and whitespace from a scalar value: "`approved`" → "approved". */
export function scalar(value: string): string {
  const t = value.trim();
  return t.charCodeAt(0) === 96 ? t.replace(/^`([^`]*)`$/, '$1').trim() : t;
}

/** True for an empty-ish table cell: "", "-", "—". */
export function isDash(cell: string): boolean {
  const t = cell.trim();
  return t === '' || t === '-' || t === '—' || t === '–';
}
