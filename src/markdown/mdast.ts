import { parseDocument } from 'yaml';
import { parseMarkdownTree } from './outline-remark.js';

/** The subset of an mdast node the importers read. */
export interface MdNode {
  type: string;
  depth?: number;
  ordered?: boolean;
  checked?: boolean | null;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
}

/** A markdown document parsed with remark + remark-gfm, with its YAML front matter split off. */
export interface MdDoc {
  text: string;
  tree: MdNode;
  /** Front matter as data, or null when the document has none (or it is not valid YAML). */
  frontMatter: Record<string, unknown> | null;
}

/** A heading and the blocks under it, up to the next heading of the same or a higher level. */
export interface MdSection {
  title: string;
  depth: number;
  line: number;
  heading: MdNode;
  /** Every block after the heading up to the next heading of depth <= this one (deeper headings included). */
  nodes: MdNode[];
}

/**
 * Parse a document. Front matter (`---` … `---` at the top) is read with `yaml` and blanked out
 * line for line, so every line number still points at the original file.
 */
export function parseDoc(text: string): MdDoc {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let body = src;
  let frontMatter: Record<string, unknown> | null = null;
  const m = /^---\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(src);
  if (m) {
    const doc = parseDocument(m[1]!);
    const data = doc.errors.length ? null : (doc.toJS() as unknown);
    if (data && typeof data === 'object' && !Array.isArray(data)) frontMatter = data as Record<string, unknown>;
    body = m[0].replace(/[^\n]/g, ' ') + src.slice(m[0].length);
  }
  return { text: body, tree: parseMarkdownTree(body) as MdNode, frontMatter };
}

/** 1-based line where a node starts. */
export function lineOf(node: MdNode): number {
  return node.position?.start.line ?? 1;
}

/** The markdown source of a node, exactly as written. */
export function sourceOf(doc: MdDoc, node: MdNode): string {
  const p = node.position;
  if (!p || p.start.offset === undefined || p.end.offset === undefined) return '';
  return doc.text.slice(p.start.offset, p.end.offset);
}

/** The markdown source of several consecutive blocks, from the first's start to the last's end. */
export function sourceOfRange(doc: MdDoc, nodes: readonly MdNode[]): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return '';
  const lineStart = doc.text.lastIndexOf('\n', first - 1) + 1;
  return dedent(doc.text.slice(lineStart, last));
}

/** Inline source of a paragraph or heading on one line: continuation lines joined with a space. */
export function inlineOf(doc: MdDoc, node: MdNode): string {
  const kids = node.children ?? [];
  if (!kids.length) return '';
  const first = kids[0]!.position?.start.offset;
  const last = kids.at(-1)!.position?.end.offset;
  if (first === undefined || last === undefined) return plainText(node);
  return doc.text
    .slice(first, last)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Inline source of a paragraph keeping its line structure (each line trimmed), for `Key: value` lines. */
export function inlineLines(doc: MdDoc, node: MdNode): string[] {
  const kids = node.children ?? [];
  const first = kids[0]?.position?.start.offset;
  const last = kids.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return [];
  return doc.text
    .slice(first, last)
    .split('\n')
    .map((l) => l.replace(/\\$/, '').trim())
    .filter(Boolean);
}

/** Plain text content of a node (no markup). */
function plainText(node: MdNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(plainText).join('');
}

/** Remove the common leading indentation of every non-blank line. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(Math.min(min, l.length - l.trimStart().length)).trimEnd())
    .join('\n')
    .trim();
}

/** Lower-case a title and drop markup, punctuation at the ends and repeated spaces: for matching. */
export function normalizeHeading(text: string): string {
  return text
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[:.]$/, '')
    .toLowerCase();
}

/** Every heading of the document as a section (nested sections overlap their parents). */
export function sectionsOf(doc: MdDoc): MdSection[] {
  const blocks = doc.tree.children ?? [];
  const out: MdSection[] = [];
  blocks.forEach((node, i) => {
    if (node.type !== 'heading') return;
    const depth = node.depth ?? 1;
    let end = i + 1;
    while (end < blocks.length && !(blocks[end]!.type === 'heading' && (blocks[end]!.depth ?? 1) <= depth)) end++;
    out.push({ title: plainText(node).trim(), depth, line: lineOf(node), heading: node, nodes: blocks.slice(i + 1, end) });
  });
  return out;
}

/** The blocks of a section before its first sub-heading. */
export function ownBlocks(section: MdSection): MdNode[] {
  const k = section.nodes.findIndex((n) => n.type === 'heading');
  return k < 0 ? section.nodes : section.nodes.slice(0, k);
}

/** Direct sub-sections of a section: the shallowest headings inside it. */
export function childSections(all: readonly MdSection[], parent: MdSection): MdSection[] {
  const inside = new Set(parent.nodes);
  const nested = all.filter((s) => inside.has(s.heading));
  const min = Math.min(...nested.map((s) => s.depth));
  return nested.filter((s) => s.depth === min);
}

/** One list item split into its first paragraph and the rest. */
export interface MdItem {
  node: MdNode;
  line: number;
  checked: boolean | null;
  /** Inline markdown of the first paragraph on one line. */
  text: string;
  /** The first paragraph node (null when the item starts with something else). */
  lead: MdNode | null;
  /** Other blocks of the item that are not lists. */
  blocks: MdNode[];
  /** Nested lists. */
  lists: MdNode[];
}

/** The items of a list node. */
export function itemsOf(doc: MdDoc, list: MdNode): MdItem[] {
  return (list.children ?? [])
    .filter((c) => c.type === 'listItem')
    .map((node) => {
      const kids = node.children ?? [];
      const lead = kids[0]?.type === 'paragraph' ? kids[0] : null;
      return {
        node,
        line: lineOf(node),
        checked: node.checked ?? null,
        text: lead ? inlineOf(doc, lead) : '',
        lead,
        blocks: kids.filter((k) => k !== lead && k.type !== 'list'),
        lists: kids.filter((k) => k.type === 'list'),
      };
    });
}

/** Every item of every top-level list among `nodes`. */
export function listItemsIn(doc: MdDoc, nodes: readonly MdNode[]): MdItem[] {
  return nodes.filter((n) => n.type === 'list').flatMap((l) => itemsOf(doc, l));
}

/** Rows of a GFM table node as inline-markdown cells (header row first). */
export function tableRows(doc: MdDoc, table: MdNode): Array<{ line: number; cells: string[] }> {
  return (table.children ?? []).map((row) => ({
    line: lineOf(row),
    cells: (row.children ?? []).map((cell) => inlineOf(doc, cell).replace(/\\\|/g, '|')),
  }));
}

/** Cut a text to `max` characters for messages. */
export function cut(text: string, max = 100): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
