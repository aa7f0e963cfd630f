import { codeLineSet, fieldName, fieldNameEnd, fieldValue, isBlank, type LineSet } from './blocks.js';
import type { Outline } from './outline.js';
import { scanOutline } from './outline-fast.js';

/** One `**Name:** value` field with its continuation lines: lines[start, end) (0-based). */
export interface FieldBlock {
  name: string;
  /** Lower-case name. */
  key: string;
  /** The value written on the field line, trimmed. */
  value: string;
  start: number;
  end: number;
  /** 1-based column of the opening `**`. */
  column: number;
}

/** 0-based line range of a plan header: after the `# Plan:` title up to the first `##`. */
export interface HeaderRange {
  /** Index of the title line, or -1 when there is none. */
  title: number;
  start: number;
  end: number;
}

/** Where the header of a plan document lies (fence-aware). */
export function headerRange(lines: readonly string[], outline: Outline = scanOutline(lines)): HeaderRange {
  const title = outline.headings.find((h) => h.depth === 1);
  const titleIdx = title ? title.line - 1 : -1;
  const h2 = outline.headings.find((h) => h.depth === 2 && h.line - 1 > titleIdx);
  return { title: titleIdx, start: titleIdx + 1, end: h2 ? h2.line - 1 : lines.length };
}

/**
 * The field blocks in lines[from, to), in document order: the one field matcher of plan headers.
 * A field line starts (after at most three spaces or tabs, outside fenced code) with
 * `**Name:** value` or `**Name**: value`; the field runs over the following non-blank lines
 * that are not fields (list items, continuation lines) up to a blank line.
 */
export function fieldBlocks(lines: readonly string[], from: number, to: number, code: LineSet): FieldBlock[] {
  const out: FieldBlock[] = [];
  let current: FieldBlock | null = null;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    let indent = 0;
    while (indent < line.length && (line.charCodeAt(indent) === 32 || line.charCodeAt(indent) === 9)) indent++;
    const text = indent > 3 || code.has(i + 1) ? '' : indent ? line.slice(indent) : line;
    const nameEnd = fieldNameEnd(text);
    if (nameEnd >= 0) {
      const name = fieldName(text, nameEnd);
      current = { name, key: name.toLowerCase(), value: fieldValue(text, nameEnd), start: i, end: i + 1, column: indent + 1 };
      out.push(current);
    } else if (isBlank(line)) {
      current = null;
    } else if (current) {
      current.end = i + 1;
    }
  }
  return out;
}

/** The header field blocks of a plan document split into lines. */
export function headerFields(lines: readonly string[], outline: Outline = scanOutline(lines)): FieldBlock[] {
  const range = headerRange(lines, outline);
  return fieldBlocks(lines, range.start, range.end, codeLineSet(outline));
}

const FIELD_LINE = /^(\s*\*\*[^*\n]+?(?::\*\*|\*\*:))([ \t]*)(.*)$/;

/** Replace the value of a `**Name:** value` line, keeping its markers and backtick style. */
export function withFieldValue(line: string, value: string): string {
  const m = FIELD_LINE.exec(line);
  if (!m) return line;
  const old = m[3]!.trim();
  const quoted = /^`[^`]*`$/.test(old) ? `\`${value}\`` : value;
  return `${m[1]}${m[2] || ' '}${quoted}`;
}

/** Positions of the unescaped `|` characters of a table row. */
function pipePositions(line: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '|') out.push(i);
  }
  return out;
}

/**
 * Replace the text of cell `column` (0-based, as `splitRow` counts) in a GFM table row,
 * keeping the other cells' bytes and, when it fits, the cell's width.
 */
export function withCell(line: string, column: number, value: string): string {
  const pipes = pipePositions(line);
  const leading = line.trimStart().startsWith('|');
  const bounds: Array<[number, number]> = [];
  let prev = leading ? pipes[0]! : -1;
  for (const p of leading ? pipes.slice(1) : pipes) {
    bounds.push([prev + 1, p]);
    prev = p;
  }
  if (prev < line.length - 1 && line.slice(prev + 1).trim() !== '') bounds.push([prev + 1, line.length]);
  const cell = bounds[column];
  if (!cell) return line;
  const [a, b] = cell;
  const width = b - a;
  // A last cell without a closing pipe gets no trailing padding.
  let text = b === line.length ? ` ${value}` : ` ${value} `;
  if (b < line.length && text.length < width) text = text.padEnd(width, ' ');
  return line.slice(0, a) + text + line.slice(b);
}
