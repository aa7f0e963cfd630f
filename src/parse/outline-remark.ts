import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import type { Outline } from './outline.js';

type Node = {
  type: string;
  depth?: number;
  children?: Node[];
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
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

/**
 * The reference outline, from the full remark + remark-gfm tree: slow (~0.5 MB/s) but exact.
 * Used by the differential test and wherever a full tree is wanted.
 */
export function remarkOutline(text: string): Outline {
  const tree = parseMarkdownTree(text);
  const out: Outline = { headings: [], tables: [], code: [] };
  const visit = (node: Node): void => {
    if (node.type === 'heading' && node.position) {
      const raw = slice(text, node).split(/\r\n|\r|\n/)[0] ?? '';
      if (/^\s{0,3}#/.test(raw)) {
        const content = raw.replace(/^\s*#{1,6}/, '').replace(/(^|[ \t]+)#+[ \t]*$/, '').trim();
        out.headings.push({ depth: node.depth ?? 1, text: content, line: node.position.start.line, column: node.position.start.column });
      }
    } else if (node.type === 'code' && node.position) {
      const raw = slice(text, node);
      if (/^\s*(`{3,}|~{3,})/.test(raw)) out.code.push({ line: node.position.start.line, endLine: node.position.end.line });
    } else if (node.type === 'table' && node.position) {
      const rows = (node.children ?? []).map((row) => ({
        line: row.position!.start.line,
        cells: (row.children ?? []).map((cell) => slice(text, cell).replace(/^\|/, '').replace(/\|$/, '').trim()),
      }));
      const [head, ...body] = rows;
      out.tables.push({ line: node.position.start.line, endLine: node.position.end.line, header: head?.cells ?? [], rows: body });
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  out.headings.sort((a, b) => a.line - b.line);
  out.tables.sort((a, b) => a.line - b.line);
  out.code.sort((a, b) => a.line - b.line);
  return out;
}
