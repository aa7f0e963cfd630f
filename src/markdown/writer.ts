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

/** A GFM table with `|---|` delimiter rows sized to each header (the seed's layout). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `| ${header.join(' | ')} |`;
  const delim = `|${header.map((h) => '-'.repeat(h.length + 2)).join('|')}|`;
  const body = rows.map((r) => `| ${r.map((c) => escapeCell(c)).join(' | ')} |`);
  return [head, delim, ...body].join('\n');
}

/** Escape pipes that are not already escaped, and flatten newlines, for a table cell of markdown. */
export function escapeCell(cell: string): string {
  return escapePipes(cell);
}

/** Join blocks with one blank line, skipping empty ones, ending with a single newline. */
export function blocks(parts: ReadonlyArray<string | null | undefined | false>): string {
  return `${parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n\n')}\n`;
}
