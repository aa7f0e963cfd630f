import { type MdDoc, type MdItem, type MdNode, inlineOf, sourceOfRange } from '../markdown/mdast.js';

/** True for an HTML comment block (template instructions in spec-kit files). */
function isComment(node: MdNode): boolean {
  return node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value ?? '');
}

/** True for blocks that carry no content: HTML comments and thematic breaks (`---`). */
export function isNoise(node: MdNode): boolean {
  return isComment(node) || node.type === 'thematicBreak';
}

/**
 * Blocks as plan-body markdown: headings become bold lines (a plan section cannot hold its own
 * headings), HTML comments are skipped, everything else is kept as written (dedented).
 */
export function blocksToMarkdown(doc: MdDoc, nodes: readonly MdNode[]): string {
  const parts: string[] = [];
  for (const n of nodes) {
    if (isNoise(n)) continue;
    if (n.type === 'heading') parts.push(`**${inlineOf(doc, n)}**`);
    else parts.push(sourceOfRange(doc, [n]));
  }
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

/** An item's text plus its nested blocks and lists as continuation lines (for one bullet). */
export function itemWithNested(doc: MdDoc, item: MdItem, text = item.text): string {
  const rest = [...item.blocks, ...item.lists].sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  const nested = rest.filter((n) => !isNoise(n)).map((n) => sourceOfRange(doc, [n]));
  return [text, ...nested].filter((x) => x.trim() !== '').join('\n');
}
