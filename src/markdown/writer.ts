import { escapePipes } from './escape.js';

/** Render a bullet list; continuation lines of an item are indented under its text. */
export function bulletList(items: readonly string[], indent = ''): string {
  return items
    .map(
      (item) =>
        `${indent}- ${item
          .split('\n')
          .map((l, i) => (i === 0 || l === '' ? l : `${indent}  ${l}`))
          .join('\n')}`,
    )
    .join('\n');
}

/**
 * How a table's delimiter row is written: `seed` sizes each run of dashes to its header cell plus
 * its padding (`| Order | Plan |` over `|-------|------|`, the seed's Child Plans layout);
 * `compact` writes three dashes per column (`|---|---|`, the corpus's plans index layout).
 */
export type TableLayout = 'seed' | 'compact';

/**
 * One GFM table row: `| a | b |`, one space either side of each cell, no alignment. Cells are
 * markdown; a pipe or line break in one is escaped so that it cannot end its cell or row.
 */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => escapePipes(c)).join(' | ')} |`;
}

/** A GFM table as lines: the header row, the delimiter row of `layout`, one row per entry. */
export function tableLines(header: readonly string[], rows: ReadonlyArray<readonly string[]>, layout: TableLayout): string[] {
  const head = header.map((h) => escapePipes(h));
  const delim = `|${head.map((h) => '-'.repeat(layout === 'seed' ? h.length + 2 : 3)).join('|')}|`;
  return [tableRow(head), delim, ...rows.map(tableRow)];
}

/** A GFM table in the seed's layout, as one block of text. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return tableLines(header, rows, 'seed').join('\n');
}

/** Join blocks with one blank line, skipping empty ones, ending with a single newline. */
export function blocks(parts: ReadonlyArray<string | null | undefined | false>): string {
  return `${parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n\n')}\n`;
}
