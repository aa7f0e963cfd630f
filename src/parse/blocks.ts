import type { Link } from '../model/common.js';
import type { Outline } from './outline.js';

/** A set of 1-based line numbers. */
export interface LineSet {
  has(line: number): boolean;
}

const EMPTY_LINES: LineSet = { has: () => false };

/** The 1-based line numbers that lie inside fenced code blocks (fences included). */
export function codeLineSet(outline: Outline): LineSet {
  if (outline.code.length === 0) return EMPTY_LINES;
  const last = outline.code[outline.code.length - 1]!.endLine;
  const marks = new Uint8Array(last + 2);
  for (const c of outline.code) marks.fill(1, c.line, c.endLine + 1);
  return { has: (line) => line >= 0 && line < marks.length && marks[line] === 1 };
}

/** Join lines[from..to) (0-based) and trim blank lines at both ends. */
export function joinTrimmed(lines: readonly string[], from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && (lines[a] ?? '').trim() === '') a++;
  while (b > a && (lines[b - 1] ?? '').trim() === '') b--;
  return lines.slice(a, b).join('\n');
}

// Link text may hold one level of brackets; no newlines. Linear on any input (no run of `[`
// or quotes can make it backtrack over the whole document).
const LINK = /\[((?:[^[\]\\\n]|\\.|\[[^[\]\\\n]*\])*)\]\(\s*<?([^()\s<>]*)>?(?:\s+"[^"\n]*")?\s*\)/g;

/** Every inline link `[text](href)` in a piece of markdown, in order. */
export function extractLinks(markdown: string): Link[] {
  const out: Link[] = [];
  for (const m of markdown.matchAll(LINK)) out.push({ text: m[1] ?? '', href: m[2] ?? '' });
  return out;
}

/** The first link in a cell or value, or null. */
export function firstLink(markdown: string): Link | null {
  return extractLinks(markdown)[0] ?? null;
}

const FIELD = /^\*\*([^*\n]+?)(?::\*\*|\*\*:)[ \t]*(.*)$/;

/** `**Name:** value` (or `**Name**: value`) at the start of a line → [name, value]. */
export function matchField(line: string): [string, string] | null {
  if (line.charCodeAt(0) !== 42 || line.charCodeAt(1) !== 42) return null;
  const m = FIELD.exec(line);
  if (!m) return null;
  return [m[1]!.trim(), (m[2] ?? '').trim()];
}

const BULLET = /^(\s*)([-*+])[ \t]+(.*)$/;

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
  const items: ListItem[] = [];
  let baseIndent = -1;
  let contentOffset = 2;
  let i = from;
  while (i < to && !BULLET.test(lines[i] ?? '')) i++;
  const before = joinTrimmed(lines, from, i);
  let current: { parts: string[]; line: number; column: number } | null = null;
  let blankRun = 0;
  let afterStart = to;
  for (; i < to; i++) {
    const line = lines[i] ?? '';
    const m = BULLET.exec(line);
    if (m && (baseIndent < 0 || m[1]!.length <= baseIndent)) {
      if (current) items.push({ text: trimTrailing(current.parts).join('\n'), line: current.line, column: current.column });
      baseIndent = m[1]!.length;
      contentOffset = baseIndent + m[2]!.length + 1;
      current = { parts: [m[3]!.trimEnd()], line: i + 1, column: baseIndent + 1 };
      blankRun = 0;
      continue;
    }
    if (line.trim() === '') {
      blankRun++;
      current?.parts.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (blankRun > 0 && indent <= baseIndent) {
      afterStart = i;
      break;
    }
    blankRun = 0;
    current?.parts.push(indent >= contentOffset ? line.slice(contentOffset).trimEnd() : line.trim());
  }
  if (current) items.push({ text: trimTrailing(current.parts).join('\n'), line: current.line, column: current.column });
  return { items, before, after: joinTrimmed(lines, afterStart, to) };
}

function trimTrailing(parts: string[]): string[] {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') end--;
  return parts.slice(0, end);
}

/** Remove surrounding backticks and whitespace from a scalar value: "`approved`" → "approved". */
export function scalar(value: string): string {
  return value.trim().replace(/^`([^`]*)`$/, '$1').trim();
}

/** True for an empty-ish table cell: "", "-", "—". */
export function isDash(cell: string): boolean {
  const t = cell.trim();
  return t === '' || t === '-' || t === '—' || t === '–';
}
