import { isBlank, markSplitFrom } from './blocks.js';

/**
 * A document split into lines: the one line splitter every reader and editor uses. LF, CRLF and
 * a lone CR each end a line; each line keeps its own terminator, so that an edit writes back
 * every byte outside the lines it changes (line terminators, a BOM, a missing final newline).
 */
export interface EditableText {
  /** Line contents without terminators or BOM; none for an empty document. */
  lines: string[];
  /** The terminator after each line ('' for a last line without one). */
  endings: string[];
  /** Whether the document starts with a byte order mark (not part of line 1). */
  bom: boolean;
  /** The terminator used for inserted lines: the document's first one, else "\n". */
  eol: string;
}

const LONE_CR = /\r(?!\n)/;

/** Split a document into lines and their terminators (LF, CRLF or lone CR); a BOM is set aside. */
export function splitLines(text: string): EditableText {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  if (body === '') return { lines: [], endings: [], bom, eol: '\n' };
  let lines: string[];
  let endings: string[];
  if (!body.includes('\r')) {
    lines = body.split('\n');
    markSplitFrom(lines, body);
    endings = new Array<string>(lines.length).fill('\n');
  } else if (!LONE_CR.test(body)) {
    lines = body.split('\n');
    endings = new Array<string>(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const crlf = line.charCodeAt(line.length - 1) === 13;
      if (crlf) lines[i] = line.slice(0, -1);
      endings[i] = crlf ? '\r\n' : '\n';
    }
  } else {
    lines = [];
    endings = [];
    const re = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      lines.push(body.slice(start, m.index));
      endings.push(m[0]);
      start = m.index + m[0].length;
    }
    lines.push(body.slice(start));
    endings.push('\n');
  }
  // The text after the last terminator is a line only when it is not empty.
  endings[endings.length - 1] = '';
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
    endings.pop();
  }
  return { lines, endings, bom, eol: endings.find((e) => e !== '') ?? '\n' };
}

/**
 * The lines of a document: `splitLines(text).lines`, without the terminators' array when every
 * line ends with LF (the readers need the lines only).
 */
export function documentLines(text: string): string[] {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  if (body.includes('\r')) return splitLines(text).lines;
  if (body === '') return [];
  const lines = body.split('\n');
  markSplitFrom(lines, body);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Lines `from..to` (1-based, inclusive) of a document: `splitLines(text).lines.slice(from - 1, to)`,
 * without splitting the rest of the document when its lines all end with LF.
 */
export function lineRange(text: string, from: number, to: number): string[] {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\r')) return splitLines(text).lines.slice(from - 1, to);
  let start = 0;
  for (let l = 1; l < from && start <= text.length; l++) start = text.indexOf('\n', start) + 1 || text.length + 1;
  if (start >= text.length) return [];
  let end = start;
  for (let l = from; l <= to && end < text.length; l++) end = text.indexOf('\n', end) + 1 || text.length;
  const lines = text.slice(start, end).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Join lines and terminators back into the document. */
export function joinLines(t: EditableText): string {
  let out = t.bom ? '\ufeff' : '';
  for (let i = 0; i < t.lines.length; i++) out += t.lines[i]! + t.endings[i]!;
  return out;
}

/**
 * Replace 1-based lines `from..to` (inclusive; `to = from - 1` inserts before `from`) by
 * `replacement`. Inserted lines use the document's line terminator; when the replaced range
 * ended the file without a final newline, the last new line keeps that.
 */
export function replaceLines(t: EditableText, from: number, to: number, replacement: readonly string[]): EditableText {
  const a = from - 1;
  const b = Math.max(a, to);
  const lastEnding = b > a ? t.endings[b - 1]! : null;
  const newEndings = replacement.map(() => t.eol);
  if (lastEnding !== null && replacement.length) newEndings[newEndings.length - 1] = lastEnding;
  const endings = [...t.endings.slice(0, a), ...newEndings, ...t.endings.slice(b)];
  // Inserting after a last line that had no terminator: that line now needs one.
  if (b === t.lines.length && a > 0 && b === a && endings[a - 1] === '') {
    endings[a - 1] = t.eol;
    if (replacement.length) endings[endings.length - 1] = '';
  }
  return { lines: [...t.lines.slice(0, a), ...replacement, ...t.lines.slice(b)], endings, bom: t.bom, eol: t.eol };
}

/**
 * Lines to insert a block (already split into lines) before 1-based line `at`, with one blank
 * line separating it from its neighbours.
 */
export function padded(t: EditableText, at: number, block: readonly string[]): string[] {
  const out: string[] = [];
  if (at > 1 && !isBlank(t.lines[at - 2] ?? '')) out.push('');
  out.push(...block);
  if (at <= t.lines.length && !isBlank(t.lines[at - 1] ?? '')) out.push('');
  return out;
}

/**
 * When the document ends inside a fenced code block that is never closed, the fence that closes
 * it (so that text appended at the end is not swallowed by the code block); else null.
 */
export function unclosedFence(lines: readonly string[], code: ReadonlyArray<{ line: number; endLine: number }>): string | null {
  const last = code[code.length - 1];
  if (!last) return null; // an unclosed fence runs to the end, so only the last block can be open
  const open = /^\s*(`{3,}|~{3,})/.exec(lines[last.line - 1] ?? '');
  if (!open) return null;
  const fence = open[1]!;
  const close = last.endLine > last.line ? (lines[last.endLine - 1] ?? '').trim() : '';
  const closes = close.length >= fence.length && close === fence[0]!.repeat(close.length);
  return closes ? null : fence;
}
