/**
 * A cursor over the rest of a line after its container prefixes (block quote markers, list item
 * indentation), with CommonMark tab stops: the fast outline scanner's only mutable state per line.
 */

/** The rest of a line after container prefixes; `col` is the absolute column of `pos` (tabs = 4). */
export interface Cursor {
  s: string;
  pos: number;
  col: number;
}

/** Columns of spaces and tabs at the cursor. */
export function indentOf(c: Cursor): number {
  let col = c.col;
  for (let p = c.pos; p < c.s.length; p++) {
    const ch = c.s.charCodeAt(p);
    if (ch === 32) col++;
    else if (ch === 9) col += 4 - (col % 4);
    else break;
  }
  return col - c.col;
}

/** True when the cursor has at least `n` columns of indentation (looks at no more than that). */
export function hasIndent(c: Cursor, n: number): boolean {
  let col = c.col;
  const goal = c.col + n;
  for (let p = c.pos; col < goal; p++) {
    const ch = c.s.charCodeAt(p);
    if (ch === 32) col++;
    else if (ch === 9) col += 4 - (col % 4);
    else return false;
  }
  return true;
}

/** Index of the first character that is not a space or tab. */
export function firstNonSpace(c: Cursor): number {
  let p = c.pos;
  while (p < c.s.length && (c.s.charCodeAt(p) === 32 || c.s.charCodeAt(p) === 9)) p++;
  return p;
}

/** Consume `n` columns of indentation; a partly consumed tab leaves its remaining columns as spaces. */
export function advance(c: Cursor, n: number): void {
  while (n > 0 && c.pos < c.s.length) {
    const ch = c.s.charCodeAt(c.pos);
    if (ch === 32) {
      c.pos++;
      c.col++;
      n--;
    } else if (ch === 9) {
      const w = 4 - (c.col % 4);
      if (w <= n) {
        c.pos++;
        c.col += w;
        n -= w;
      } else {
        c.s = ' '.repeat(w - n) + c.s.slice(c.pos + 1);
        c.pos = 0;
        c.col += n;
        n = 0;
      }
    } else break;
  }
}

/** True when s[p..] is spaces and tabs only. */
export function isBlankFrom(s: string, p: number): boolean {
  for (; p < s.length; p++) {
    const ch = s.charCodeAt(p);
    if (ch !== 32 && ch !== 9) return false;
  }
  return true;
}
