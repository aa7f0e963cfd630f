import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import type { Outline } from './outline.js';
import { trimSpaces } from './outline.js';
import { splitLines } from './text-lines.js';

type Point = { line: number; column: number; offset?: number };
type Node = {
  type: string;
  depth?: number;
  children?: Node[];
  position?: { start: Point; end: Point };
};

const processor = remark().use(remarkGfm);

/** Parse markdown to an mdast tree with remark + remark-gfm. */
export function parseMarkdownTree(text: string): Node {
  return processor.parse(text) as unknown as Node;
}

function slice(text: string, node: Node): string {
  const p = node.position;
  if (!p || p.start.offset === undefined || p.end.offset === undefined) return '';
  return text.slice(p.start.offset, p.end.offset);
}

/** Last line a block occupies: a block that ends at the start of a line (after a final newline) ends on the line before. */
function lastLine(pos: { start: Point; end: Point }): number {
  return pos.end.column === 1 && pos.end.line > pos.start.line ? pos.end.line - 1 : pos.end.line;
}

/** A cell's source without its delimiting pipes (an escaped final pipe `\\|` stays). */
function cellText(raw: string): string {
  let t = trimSpaces(raw);
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|')) {
    let k = t.length - 1;
    while (k > 0 && t[k - 1] === '\\') k--;
    if ((t.length - 1 - k) % 2 === 0) t = t.slice(0, -1);
  }
  return trimSpaces(t);
}

const ATX_LINE = /^#{1,6}(?:[ \t]|$)/;
const FENCE_START = /^(?:`{3,}|~{3,})/;

/**
 * The reference outline, from the full remark + remark-gfm tree: slow (~0.5 MB/s) but exact.
 * Used by the differential test and wherever a full tree is wanted. What it holds:
 * - headings: ATX headings (`## x`) that are children of the document root (not setext
 *   headings, not headings inside list items or block quotes);
 * - tables: GFM tables that are children of the root;
 * - code: fenced code blocks anywhere except inside a block quote (they hide lines from the
 *   field readers, and list items often hold them), from the opening fence to the closing fence
 *   or, for an unclosed fence, to its last non-blank line.
 */
export function remarkOutline(text: string): Outline {
  const tree = parseMarkdownTree(text);
  const lines = splitLines(text).lines;
  const out: Outline = { headings: [], tables: [], code: [] };
  const visit = (node: Node, atRoot: boolean, quoted: boolean): void => {
    const pos = node.position;
    if (node.type === 'heading' && pos && atRoot && pos.start.line === pos.end.line) {
      const raw = slice(text, node);
      if (ATX_LINE.test(raw)) {
        const content = raw
          .replace(/^#{1,6}/, '')
          .replace(/[ \t]+$/, '')
          .replace(/(^|[ \t])#+$/, '$1')
          .trim();
        out.headings.push({ depth: node.depth ?? 1, text: content, line: pos.start.line, column: pos.start.column });
      }
    } else if (node.type === 'code' && pos && !quoted) {
      if (FENCE_START.test(slice(text, node))) {
        let end = Math.min(lastLine(pos), lines.length);
        while (end > pos.start.line && (lines[end - 1] ?? '').trim() === '') end--;
        out.code.push({ line: pos.start.line, endLine: end });
      }
    } else if (node.type === 'table' && pos && atRoot) {
      const rows = (node.children ?? []).map((row) => ({
        line: row.position!.start.line,
        cells: (row.children ?? []).map((cell) => cellText(slice(text, cell))),
      }));
      const [head, ...body] = rows;
      out.tables.push({ line: pos.start.line, endLine: lastLine(pos), header: head?.cells ?? [], rows: body });
    }
    const childQuoted = quoted || node.type === 'blockquote';
    for (const child of node.children ?? []) visit(child, node.type === 'root', childQuoted);
  };
  visit(tree, false, false);
  out.headings.sort((a, b) => a.line - b.line);
  out.tables.sort((a, b) => a.line - b.line);
  out.code.sort((a, b) => a.line - b.line);
  return out;
}
