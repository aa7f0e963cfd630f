import type { ExtraField } from '../model/common.js';
import type { Plan, PlanHeader } from '../model/plan.js';
import { bulletAt, extractLinks, findLinks, firstLink, isBlank, type LineSet, scalar } from '../markdown/blocks.js';
import { fieldBlocks, type FieldBlock } from '../markdown/header-fields.js';
import type { Finding, Positions, SourceLink } from '../model/parsed.js';
import { indexedKey, joinKey } from './position-keys.js';
import { positionAt } from '../model/positions.js';

/** Reports a finding at line:column. */
export type Find = (line: number, column: number, severity: Finding['severity'], rule: string, message: string) => void;

/** Header field names (lower case) → model keys. A Map: a field called "constructor" is just an extra field. */
const HEADER_KEYS: ReadonlyMap<string, keyof PlanHeader> = new Map<string, keyof PlanHeader>([
  ['status', 'status'],
  ['features', 'features'],
  ['source type', 'sourceType'],
  ['source', 'source'],
  ['author', 'author'],
  ['approver', 'approver'],
  ['created', 'created'],
  ['approved', 'approved'],
  ['effort', 'effort'],
  ['impact', 'impact'],
  ['superseded by', 'supersededBy'],
]);

/** Features field: where it is and its list items with where each is. */
interface FeaturesField {
  line: number;
  column: number;
  list: string[];
  listAt: Array<{ line: number; column: number }>;
}

const NO_ITEMS: string[] = [];
const NO_POSITIONS: Array<{ line: number; column: number }> = [];

/**
 * Read the header fields between the title and the first `##` heading into `plan.header`
 * (and the text around them into `plan.preamble`), with a position for every field and every
 * feature link. Returns the links of the Source field with their positions.
 */
export function readHeader(lines: readonly string[], from: number, to: number, code: LineSet, plan: Plan, positions: Positions, find: Find): SourceLink[] {
  // Lines outside fields, before the first one and after it; blank lines before the first line
  // kept are left out (the text is trimmed), so a header without loose text collects nothing.
  let pre: string[] | null = null;
  let post: string[] | null = null;
  let sourceLinks: SourceLink[] = [];
  let sawField = false;
  let cursor = from;
  const blocks = fieldBlocks(lines, from, to, code);
  for (let k = 0; k <= blocks.length; k++) {
    const block = blocks[k];
    for (const end = block ? block.start : to; cursor < end; cursor++) {
      const line = lines[cursor]!;
      if (sawField) {
        if (post !== null) post.push(line);
        else if (!isBlank(line)) post = [line];
      } else if (pre !== null) pre.push(line);
      else if (!isBlank(line)) pre = [line];
    }
    if (!block) break;
    sawField = true;
    const key = HEADER_KEYS.get(block.key);
    positions.set(key ? joinKey('header', key) : `header.extra.${block.name}`, block.start + 1, block.column);
    // The value: the text on the field line, then each continuation line that is not a list item.
    let value = block.value;
    let list = NO_ITEMS;
    let listAt = NO_POSITIONS;
    if (block.end > block.start + 1) {
      const values: string[] = block.value ? [block.value] : [];
      list = [];
      listAt = [];
      for (let i = block.start + 1; i < block.end; i++) {
        const line = lines[i]!;
        const bullet = bulletAt(line);
        if (bullet) {
          list.push(line.slice(bullet.text).trim());
          listAt.push(positionAt(i + 1, bullet.indent + 1));
        } else values.push(line.trim());
      }
      value = values.length === 1 ? values[0]! : values.join('\n');
    }
    if (key === 'features') readFeatures({ line: block.start + 1, column: block.column, list, listAt }, value, plan, positions, find);
    else applyHeaderField(block.name, key, value, list, plan);
    if (key === 'source') sourceLinks = sourceLinksOf(lines, block);
    cursor = block.end;
  }
  const a = pre === null ? '' : pre.join('\n').trim();
  const b = post === null ? '' : post.join('\n').trim();
  plan.preamble = a && b ? `${a}\n\n${b}` : a || b;
  return sourceLinks;
}

/** The links of a Source field block (its value and continuation lines), each where it starts. */
function sourceLinksOf(lines: readonly string[], block: FieldBlock): SourceLink[] {
  const first = lines[block.start]!;
  const offset = block.value ? first.lastIndexOf(block.value) : first.length;
  const starts = [0];
  let text = first.slice(offset);
  for (let i = block.start + 1; i < block.end; i++) {
    text += '\n';
    starts.push(text.length);
    text += lines[i]!;
  }
  return findLinks(text).map(({ text: linkText, href, index }) => {
    let k = starts.length - 1;
    while (starts[k]! > index) k--;
    return { text: linkText, href, line: block.start + k + 1, column: index - starts[k]! + (k === 0 ? offset : 0) + 1 };
  });
}

/** The Features field: links written inline and one list item per feature, each with a position. */
function readFeatures(field: FeaturesField, value: string, plan: Plan, positions: Positions, find: Find): void {
  const features = extractLinks(value);
  for (let k = 0; k < features.length; k++) positions.set(indexedKey('header.features.', k), field.line, field.column);
  const stray: string[] = [];
  for (let j = 0; j < field.list.length; j++) {
    const links = extractLinks(field.list[j]!);
    if (links.length === 0) stray.push(field.list[j]!);
    for (const link of links) {
      const at = field.listAt[j]!;
      positions.set(indexedKey('header.features.', features.length), at.line, at.column);
      features.push(link);
    }
  }
  plan.header.features = features;
  if (stray.length)
    find(
      field.line,
      1,
      'warning',
      'plan/features-format',
      `Features entries without a link (${stray.join('; ')}); expected "- [feature](../../features/feature/README.md)"`,
    );
}

function applyHeaderField(name: string, key: keyof PlanHeader | undefined, value: string, list: string[], plan: Plan): void {
  const h = plan.header;
  if (!key) {
    const full = list.length === 0 ? value : [value, ...list.map((l) => `- ${l}`)].filter(Boolean).join('\n');
    h.extra.push({ name, value: full } satisfies ExtraField);
    return;
  }
  if (key === 'supersededBy') {
    h.supersededBy = firstLink(value) ?? (value ? { text: value, href: '' } : null);
    return;
  }
  const joined = list.length === 0 ? value : [value, ...list].filter(Boolean).join('\n');
  if (key === 'source') h.source = joined;
  else if (key === 'status' || key === 'sourceType' || key === 'effort' || key === 'impact') h[key] = scalar(joined);
  else if (key === 'author' || key === 'approver' || key === 'created' || key === 'approved') h[key] = joined.trim();
}
