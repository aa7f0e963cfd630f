import { matchField } from './blocks.js';
import { scanOutline } from './outline-fast.js';

/** A document split into lines, remembering its BOM, line ending and final newline. */
export interface LineDoc {
  lines: string[];
  eol: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
}

/** Split text into lines so that `joinDoc(splitDoc(t)) === t` for LF and CRLF documents. */
export function splitDoc(text: string): LineDoc {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = body.endsWith('\n');
  const lines = body.split(/\r?\n/);
  if (finalNewline) lines.pop();
  return { lines, eol, bom, finalNewline };
}

/** Inverse of `splitDoc`. */
export function joinDoc(doc: LineDoc): string {
  return `${doc.bom ? '\ufeff' : ''}${doc.lines.join(doc.eol)}${doc.finalNewline ? doc.eol : ''}`;
}

/** One `**Name:** value` header field with its continuation lines: lines[start, end). */
export interface FieldBlock {
  name: string;
  /** Lower-case name. */
  key: string;
  start: number;
  end: number;
}

/** 0-based line range of a plan header: after the `# Plan:` title up to the first `##`. */
export interface HeaderRange {
  /** Index of the title line, or -1 when there is none. */
  title: number;
  start: number;
  end: number;
}

/** Where the header of a plan document lies (fence-aware). */
export function headerRange(lines: readonly string[]): HeaderRange {
  const outline = scanOutline(lines);
  const title = outline.headings.find((h) => h.depth === 1);
  const titleIdx = title ? title.line - 1 : -1;
  const h2 = outline.headings.find((h) => h.depth === 2 && h.line - 1 > titleIdx);
  return { title: titleIdx, start: titleIdx + 1, end: h2 ? h2.line - 1 : lines.length };
}

/**
 * The header field blocks of a plan, in document order. A field runs from its `**Name:**` line
 * over the following non-blank lines that are not fields (list items, continuations), as the
 * parser reads it.
 */
export function headerFields(lines: readonly string[], range = headerRange(lines)): FieldBlock[] {
  const out: FieldBlock[] = [];
  let current: FieldBlock | null = null;
  for (let i = range.start; i < range.end; i++) {
    const line = lines[i] ?? '';
    const indent = line.length - line.trimStart().length;
    const field = indent > 3 ? null : matchField(line.trimStart());
    if (field) {
      current = { name: field[0], key: field[0].toLowerCase(), start: i, end: i + 1 };
      out.push(current);
    } else if (line.trim() === '') {
      current = null;
    } else if (current) {
      current.end = i + 1;
    }
  }
  return out;
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
