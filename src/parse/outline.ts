/**
 * The structural outline of a markdown document: what the plan/feature/index readers need from
 * markdown syntax. Two producers exist — the fast line scanner (`scanOutline`) used for bulk
 * loading, and the remark + remark-gfm one (`remarkOutline`) used as the reference. A differential
 * test keeps them in agreement.
 */
export interface OutlineHeading {
  depth: number;
  /** Raw inline markdown of the heading, without the `#` markers and closing sequence. */
  text: string;
  line: number;
  column: number;
}

export interface OutlineTableRow {
  line: number;
  /** Raw inline markdown of each cell, trimmed. */
  cells: string[];
}

export interface OutlineTable {
  line: number;
  endLine: number;
  header: string[];
  rows: OutlineTableRow[];
}

export interface OutlineCode {
  /** First and last line of the code block, fences included. */
  line: number;
  endLine: number;
}

export interface Outline {
  headings: OutlineHeading[];
  tables: OutlineTable[];
  code: OutlineCode[];
}

export interface SourceText {
  /** Lines without terminators; BOM removed. */
  lines: string[];
  hadBom: boolean;
  crlf: boolean;
}

/** Split a document into lines, dropping a BOM and accepting LF, CRLF and lone CR endings. */
export function toLines(text: string): SourceText {
  const hadBom = text.charCodeAt(0) === 0xfeff;
  const body = hadBom ? text.slice(1) : text;
  const crlf = body.includes('\r\n');
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { lines, hadBom, crlf };
}

/** Split a GFM table row into trimmed cells (escaped pipes stay in the cell). */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}
