import type { Outline, OutlineTable } from './outline.js';
import { countCells, splitRow } from './outline.js';
import { advance, type Cursor, firstNonSpace, hasIndent, indentOf, isBlankFrom } from './outline-cursor.js';
import {
  atxDepth,
  atxText,
  delimiterCells,
  fenceCloses,
  fenceOpen,
  htmlBlockEnds,
  htmlBlockStart,
  interruptsParagraph,
  isLonePipe,
  isSetextUnderline,
  isThematicBreak,
  listMarker,
  NOT_ONE,
  startsContainer,
} from './outline-lines.js';

/** An open container block: a block quote or a list item (CommonMark container blocks). */
interface Container {
  quote: boolean;
  /** List item: columns a continuation line must be indented by, relative to the item's start. */
  width: number;
  /** List item that started with a blank line after its marker. */
  blankStart: boolean;
  /** 0-based line the container started on. */
  start: number;
  /** List item that can hold no more content (blank start followed by a blank line). */
  done: boolean;
}

/**
 * Container objects, reused from document to document: `scanOutline` runs to completion without
 * calling out, so one pool serves every call. Entries past the current depth are free.
 */
const pool: Container[] = [];

const NONE = 0;
const PARAGRAPH = 1;
const FENCE = 2;
const HTML = 3;
const INDENTED = 4;
const TABLE = 5;

/**
 * Fast, fence-aware structural scan: ATX headings and GFM tables at the top level of the
 * document, and fenced code blocks anywhere outside block quotes, in one pass over the lines.
 *
 * It follows CommonMark's block structure (block quotes, list items with their indentation,
 * lazy paragraph continuation, fenced and indented code, HTML blocks, thematic breaks, setext
 * underlines) closely enough to agree with remark + remark-gfm (`remarkOutline`) on every
 * document of the conformance corpus and on generated documents (see the differential test),
 * while running about three orders of magnitude faster.
 */
export function scanOutline(lines: readonly string[]): Outline {
  const out: Outline = { headings: [], tables: [], code: [] };
  const stack = pool;
  let depth = 0; // open containers: stack[0..depth)
  let quotes = 0; // open block quotes on the stack
  let leaf = NONE;
  let leafDepth = 0; // stack depth the open leaf belongs to
  let fenceChar = 0;
  let fenceLen = 0;
  let fenceCode: { line: number; endLine: number } | null = null;
  let htmlKind = 0;
  let table: OutlineTable | null = null;
  const n = lines.length;
  const c: Cursor = { s: '', pos: 0, col: 0 };
  const next: Cursor = { s: '', pos: 0, col: 0 };

  const closeLeaf = (lastLine: number): void => {
    if (leaf === FENCE && fenceCode) {
      let end = lastLine;
      while (end > fenceCode.line && isBlankFrom(lines[end - 1] as string, 0)) end--;
      fenceCode.endLine = end;
    }
    if (leaf === TABLE && table) table.endLine = lastLine;
    leaf = NONE;
    fenceCode = null;
    table = null;
  };
  const closeTo = (to: number, lastLine: number): void => {
    if (leafDepth > to || depth > to) {
      if (leaf !== NONE && leafDepth > to) closeLeaf(lastLine);
      while (depth > to) if (stack[--depth]!.quote) quotes--;
    }
  };
  /** Match line `i` against every open container (no new ones); the cursor rests after them. */
  const matchAll = (i: number, cur: Cursor): number => {
    cur.s = lines[i] as string;
    cur.pos = 0;
    cur.col = 0;
    // Index of the first non-space character from the cursor: list items consume only white
    // space, so it stays valid until a quote marker is consumed or a tab is split. Keeping it
    // (and looking at no more indentation than an item needs) makes a line nested N items deep
    // cost O(N), not O(N²).
    let text = -1;
    let k = 0;
    for (; k < depth; k++) {
      const box = stack[k]!;
      if (box.quote) {
        const p = firstNonSpace(cur);
        if (p - cur.pos > 3 || indentOf(cur) > 3 || cur.s.charCodeAt(p) !== 62) break;
        advance(cur, indentOf(cur));
        cur.pos++;
        cur.col++;
        if (cur.s.charCodeAt(cur.pos) === 32 || cur.s.charCodeAt(cur.pos) === 9) advance(cur, 1);
        text = -1;
      } else {
        if (text < 0) text = firstNonSpace(cur);
        if (text >= cur.s.length) {
          // An item that starts with a blank line and is followed by another holds nothing more.
          if (box.blankStart && box.start === i - 1) box.done = true;
          continue;
        }
        if (box.done || !hasIndent(cur, box.width)) break;
        const before = cur.s;
        advance(cur, box.width);
        if (cur.s !== before) text = -1;
      }
    }
    return k;
  };

  for (let i = 0; i < n; i++) {
    let matched = matchAll(i, c);
    const allMatched = matched === depth;
    if (allMatched && leaf === FENCE) {
      const ind = indentOf(c);
      if (ind < 4 && fenceCloses(c.s, firstNonSpace(c), fenceChar, fenceLen)) closeLeaf(i + 1);
      continue;
    }
    if (allMatched && leaf === HTML) {
      if (htmlKind >= 6 && isBlankFrom(c.s, c.pos)) closeLeaf(i);
      else {
        if (htmlKind < 6 && htmlBlockEnds(htmlKind, c.s.slice(c.pos))) closeLeaf(i + 1);
        continue;
      }
    }

    // New container starts: block quotes and list items.
    let started = false;
    // As in micromark, a list item interrupts only when every container matched and a
    // paragraph or indented code block is still open.
    const interrupting = allMatched && (leaf === PARAGRAPH || leaf === INDENTED);
    // The indentation and first non-space character at the cursor, kept current for after the loop.
    let ind = 0;
    let p = 0;
    for (;;) {
      ind = indentOf(c);
      p = firstNonSpace(c);
      if (ind > 3) break;
      const ch = c.s.charCodeAt(p);
      if (ch === 62) {
        if (!started) {
          closeTo(matched, i);
          if (leaf !== NONE) closeLeaf(i);
        }
        started = true;
        advance(c, ind);
        c.pos++;
        c.col++;
        if (c.s.charCodeAt(c.pos) === 32 || c.s.charCodeAt(c.pos) === 9) advance(c, 1);
        open(depth++, true, 0, false, i);
        quotes++;
        matched = depth;
        continue;
      }
      if (ch !== 45 && ch !== 42 && ch !== 43 && !(ch >= 48 && ch <= 57)) break;
      if (isThematicBreak(c.s, p)) break;
      if (leaf === PARAGRAPH && matched === depth && !started && isSetextUnderline(c.s, p)) break;
      const marker = listMarker(c.s, p);
      if (marker === 0) break;
      const mw = marker & ~NOT_ONE; // the marker's width
      const blank = isBlankFrom(c.s, p + mw);
      if (interrupting && (blank || (marker & NOT_ONE) !== 0)) break;
      if (!started) {
        closeTo(matched, i);
        if (leaf !== NONE) closeLeaf(i);
      }
      started = true;
      advance(c, ind);
      c.pos += mw;
      c.col += mw;
      let width: number;
      if (blank) {
        width = ind + mw + 1;
        c.pos = c.s.length;
      } else {
        const after = indentOf(c);
        if (after >= 5) {
          width = ind + mw + 1;
          advance(c, 1);
        } else {
          width = ind + mw + after;
          advance(c, after);
        }
      }
      open(depth++, false, width, blank, i);
      matched = depth;
      if (blank) {
        p = c.s.length;
        ind = 0;
        break;
      }
    }

    const blank = p >= c.s.length;
    const ch = c.s.charCodeAt(p);

    // Lazy continuation: a paragraph line that did not match every container. A line that
    // cuts off a table this way cannot head a new table: micromark reads it as a lazy body row.
    let closedHere = false;
    let lazyExit = false;
    if (!started && matched < depth) {
      if (leaf === PARAGRAPH && !blank && !interruptsParagraph(c.s, p, ind)) {
        // A complete HTML tag alone on a lazy line opens an HTML block inside the container.
        if (ind < 4 && ch === 60 && htmlBlockStart(c.s.slice(p), false) === 7) {
          leaf = HTML;
          htmlKind = 7;
        }
        continue;
      }
      closedHere = leaf === TABLE;
      lazyExit = !blank;
      closeTo(matched, i);
    }
    if (leaf === INDENTED) {
      if (blank || ind >= 4) continue;
      closeLeaf(i);
    }
    if (blank) {
      if (leaf !== NONE) closeLeaf(i);
      continue;
    }
    const top = depth === 0;
    if (ind >= 4) {
      if (leaf === PARAGRAPH) continue;
      if (leaf !== NONE) closeLeaf(i);
      // Indented code on a line that just closed containers ends with that line (micromark).
      leaf = lazyExit ? NONE : INDENTED;
      leafDepth = depth;
      continue;
    }
    if (ch === 35) {
      const d = atxDepth(c.s, p);
      if (d > 0) {
        if (leaf !== NONE) closeLeaf(i);
        if (top) out.headings.push({ depth: d, text: atxText(c.s, p + d), line: i + 1, column: c.col + (p - c.pos) + 1 });
        continue;
      }
    }
    if (ch === 96 || ch === 126) {
      const f = fenceOpen(c.s, p);
      if (f > 0) {
        if (leaf !== NONE) closeLeaf(i);
        leaf = FENCE;
        leafDepth = depth;
        fenceChar = ch;
        fenceLen = f;
        fenceCode = { line: i + 1, endLine: i + 1 };
        if (quotes === 0) out.code.push(fenceCode);
        continue;
      }
    }
    if (ch === 60) {
      const kind = htmlBlockStart(c.s.slice(p), leaf === PARAGRAPH);
      if (kind > 0) {
        if (leaf !== NONE) closeLeaf(i);
        if (kind < 6 && htmlBlockEnds(kind, c.s.slice(p), true)) continue;
        leaf = HTML;
        leafDepth = depth;
        htmlKind = kind;
        continue;
      }
    }
    if (leaf === PARAGRAPH && isSetextUnderline(c.s, p)) {
      closeLeaf(i);
      continue;
    }
    if ((ch === 45 || ch === 42 || ch === 95) && isThematicBreak(c.s, p)) {
      if (leaf !== NONE) closeLeaf(i);
      continue;
    }
    if (leaf === TABLE) {
      table!.rows.push({ line: i + 1, cells: splitRow(c.s, c.pos) });
      table!.endLine = i + 1;
      continue;
    }
    // A table starts here when the next line (inside the same containers) is a delimiter row
    // with as many cells. A delimiter row holds a '-', which filters out most lines cheaply.
    if (i + 1 < n && !closedHere && (lines[i + 1] as string).indexOf('-') >= 0) {
      if (matchAll(i + 1, next) === depth && indentOf(next) < 4 && !startsContainer(next.s, firstNonSpace(next))) {
        const cells = delimiterCells(next.s, firstNonSpace(next));
        // A header row needs more than a lone pipe.
        if (cells > 0 && cells === countCells(c.s, c.pos) && !isLonePipe(c.s, p)) {
          if (leaf !== NONE) closeLeaf(i);
          // The would-be table ends the paragraph; the line is then read afresh, and a complete
          // HTML tag (which could not interrupt) takes precedence over the table (micromark).
          if (ch === 60 && htmlBlockStart(c.s.slice(p), false) === 7) {
            leaf = HTML;
            htmlKind = 7;
            leafDepth = depth;
            continue;
          }
          table = { line: i + 1, endLine: i + 2, header: splitRow(c.s, c.pos), rows: [] };
          if (top) out.tables.push(table);
          leaf = TABLE;
          leafDepth = depth;
          i++;
          continue;
        }
      }
    }
    if (leaf !== PARAGRAPH) {
      if (leaf !== NONE) closeLeaf(i);
      leaf = PARAGRAPH;
      leafDepth = depth;
    }
  }
  if (leaf !== NONE) closeLeaf(n);
  return out;
}

/** Set `pool[at]` (made when the pool is not that deep yet) to a new container. */
function open(at: number, quote: boolean, width: number, blankStart: boolean, start: number): void {
  const box = pool[at];
  if (box === undefined) {
    pool.push({ quote, width, blankStart, start, done: false });
    return;
  }
  box.quote = quote;
  box.width = width;
  box.blankStart = blankStart;
  box.start = start;
  box.done = false;
}
