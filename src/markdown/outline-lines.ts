/**
 * Line-level CommonMark and GFM recognisers used by the fast outline scanner: ATX headings,
 * fences, thematic breaks, setext underlines, list markers, HTML blocks, table delimiter rows.
 * Each looks at one line (or the rest of it from `p`) and allocates nothing on the common path.
 */
import { isWhiteSpace } from './blocks.js';
import { isBlankFrom } from './outline-cursor.js';

/** A thematic break (`***`, `- - -`, `___`) starting at `p` (indentation already checked). */
export function isThematicBreak(s: string, p: number): boolean {
  const ch = s.charCodeAt(p);
  if (ch !== 45 && ch !== 42 && ch !== 95) return false;
  let count = 0;
  for (let q = p; q < s.length; q++) {
    const c = s.charCodeAt(q);
    if (c === ch) count++;
    else if (c !== 32 && c !== 9) return false;
  }
  return count >= 3;
}

/** Set in `listMarker`'s answer for an ordered marker whose number is not 1 (it cannot interrupt a paragraph). */
export const NOT_ONE = 64;

/**
 * A bullet (`-`, `*`, `+`) or ordered (`1.`, `2)`) list marker at `p`, followed by a space, tab
 * or the line end: the characters of the marker itself (`-` is 1, `10.` is 3), plus `NOT_ONE`
 * for an ordered marker that does not start at 1; 0 when there is none. A number, so that
 * reading a list item allocates nothing.
 */
export function listMarker(s: string, p: number): number {
  const ch = s.charCodeAt(p);
  let width: number;
  let notOne = 0;
  if (ch === 45 || ch === 42 || ch === 43) width = 1;
  else {
    let q = p;
    let start = 0;
    while (q < s.length && q - p < 10 && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) start = start * 10 + s.charCodeAt(q++) - 48;
    const digits = q - p;
    const d = s.charCodeAt(q);
    if (digits === 0 || digits > 9 || (d !== 46 && d !== 41)) return 0;
    if (start !== 1) notOne = NOT_ONE;
    width = digits + 1;
  }
  const after = s.charCodeAt(p + width);
  if (!(Number.isNaN(after) || after === 32 || after === 9)) return 0;
  return width | notOne;
}

const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);
const BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead ' +
    'title tr track ul'
  ).split(' '),
);
const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9-]*)/;
const OPEN_TAG = /^<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>[ \t]*$/;
const CLOSE_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>[ \t]*$/;

/**
 * The CommonMark HTML block kind (1–7) that `text` (a line from its `<`) starts, or 0.
 * Kind 7 (any complete tag alone on its line) cannot interrupt a paragraph.
 */
export function htmlBlockStart(text: string, inParagraph: boolean): number {
  if (text.charCodeAt(0) !== 60) return 0;
  if (text.startsWith('<!--')) return 2;
  if (text.startsWith('<?')) return 3;
  if (text.startsWith('<![CDATA[')) return 5;
  if (text.startsWith('<!') && /^<![A-Za-z]/.test(text)) return 4;
  const m = TAG_NAME.exec(text);
  if (!m) return 0;
  const name = m[1]!.toLowerCase();
  const closing = text.charCodeAt(1) === 47;
  const rest = text.slice(m[0].length);
  if (!closing && RAW_NAMES.has(name) && (rest === '' || /^[ \t>]/.test(rest))) return 1;
  if (BLOCK_NAMES.has(name) && (rest === '' || /^(?:[ \t>]|\/>)/.test(rest))) return 6;
  if (inParagraph) return 0;
  return (closing ? CLOSE_TAG : OPEN_TAG).test(text) ? 7 : 0;
}

const RAW_END = /<\/(?:pre|script|style|textarea)>/i;

/** True when `text` (a line of an HTML block of kind 1–5) holds the block's end marker. */
export function htmlBlockEnds(kind: number, text: string, startLine = false): boolean {
  switch (kind) {
    case 1:
      return RAW_END.test(text);
    case 2:
      return text.indexOf('-->', startLine ? 2 : 0) >= 0;
    case 3:
      return text.indexOf('?>', startLine ? 1 : 0) >= 0;
    case 4:
      return text.indexOf('>', startLine ? 2 : 0) >= 0;
    case 5:
      return text.indexOf(']]>', startLine ? 9 : 0) >= 0;
    default:
      return false;
  }
}

/** `#{1,6}` followed by space, tab or end of line, at `p`; returns the depth or 0. */
export function atxDepth(s: string, p: number): number {
  let d = 0;
  while (p + d < s.length && s.charCodeAt(p + d) === 35) d++;
  if (d === 0 || d > 6) return 0;
  const after = s.charCodeAt(p + d);
  return Number.isNaN(after) || after === 32 || after === 9 ? d : 0;
}

/**
 * Heading content of `s` from `from` (after the opening `#`s): without an optional closing
 * sequence of `#`, then trimmed of white space as `String.prototype.trim` does; sliced once.
 */
export function atxText(s: string, from: number): string {
  let start = from;
  let end = s.length;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  let e = end;
  while (e > start && s.charCodeAt(e - 1) === 35) e--;
  if (e < end && (e === start || s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) end = e;
  while (start < end && isWhiteSpace(s.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** The length of an opening code fence at `p` (its character is `s[p]`), or 0. Backtick fences may not have a backtick in their info string. */
export function fenceOpen(s: string, p: number): number {
  const ch = s.charCodeAt(p);
  if (ch !== 96 && ch !== 126) return 0;
  let n = 0;
  while (s.charCodeAt(p + n) === ch) n++;
  if (n < 3) return 0;
  if (ch === 96 && s.indexOf('`', p + n) >= 0) return 0;
  return n;
}

/** A closing fence for [char, length] at `p`: the run is at least as long and only whitespace follows. */
export function fenceCloses(s: string, p: number, ch: number, len: number): boolean {
  let n = 0;
  while (s.charCodeAt(p + n) === ch) n++;
  return n >= len && isBlankFrom(s, p + n);
}

/** A setext underline (`===` or `---`, trailing spaces allowed) at `p`. */
export function isSetextUnderline(s: string, p: number): boolean {
  const ch = s.charCodeAt(p);
  if (ch !== 61 && ch !== 45) return false;
  let q = p;
  while (s.charCodeAt(q) === ch) q++;
  return isBlankFrom(s, q);
}

/** Cells of a GFM delimiter row (`| :--- | ---: |`), or -1 when the text is not one. */
export function delimiterCells(s: string, p: number): number {
  let cells = 0;
  let sawPipeOrColon = false;
  let q = p;
  const n = s.length;
  const skip = () => {
    while (q < n && (s.charCodeAt(q) === 32 || s.charCodeAt(q) === 9)) q++;
  };
  if (s.charCodeAt(q) === 124) {
    sawPipeOrColon = true;
    q++;
  }
  for (;;) {
    skip();
    if (q >= n) break;
    if (s.charCodeAt(q) === 58) {
      sawPipeOrColon = true;
      q++;
    }
    if (s.charCodeAt(q) !== 45) return -1;
    while (s.charCodeAt(q) === 45) q++;
    if (s.charCodeAt(q) === 58) {
      sawPipeOrColon = true;
      q++;
    }
    cells++;
    skip();
    if (q >= n) break;
    if (s.charCodeAt(q) !== 124) return -1;
    sawPipeOrColon = true;
    q++;
  }
  return sawPipeOrColon ? cells : -1;
}

/**
 * True when text at `p`, on a line that did not match every container, starts a block (so it is
 * not a lazy paragraph line). Any list marker counts: off the matched path nothing interrupts.
 */
export function interruptsParagraph(s: string, p: number, ind: number): boolean {
  if (ind > 3) return false;
  const ch = s.charCodeAt(p);
  if (ch === 35) return atxDepth(s, p) > 0;
  if (ch === 96 || ch === 126) return fenceOpen(s, p) !== 0;
  if (ch === 62) return true;
  if (ch === 60) return htmlBlockStart(s.slice(p), true) > 0;
  if ((ch === 45 || ch === 42 || ch === 95) && isThematicBreak(s, p)) return true;
  return listMarker(s, p) !== 0;
}

/** True when text at `p` opens a block quote or a list item that may interrupt an open block. */
export function startsContainer(s: string, p: number): boolean {
  if (s.charCodeAt(p) === 62) return true;
  if (isThematicBreak(s, p)) return false;
  const m = listMarker(s, p);
  return m !== 0 && (m & NOT_ONE) === 0 && !isBlankFrom(s, p + m);
}

/** A line holding nothing but one `|` (and spaces). */
export function isLonePipe(s: string, p: number): boolean {
  return s.charCodeAt(p) === 124 && isBlankFrom(s, p + 1);
}
