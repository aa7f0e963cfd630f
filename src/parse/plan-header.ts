import type { ExtraField } from '../model/common.js';
import type { Plan, PlanHeader } from '../model/plan.js';
import { bulletAt, extractLinks, firstLink, isBlank, type LineSet, matchField, scalar } from '../markdown/blocks.js';
import type { Finding, Positions } from '../model/parsed.js';
import { indexedKey, joinKey } from './position-keys.js';

/** Reports a finding at line:column. */
export type Find = (line: number, column: number, severity: Finding['severity'], rule: string, message: string) => void;

/** Header field names (lower case) → model keys. A Map: a field called "constructor" is just an extra field. */
export const HEADER_KEYS: ReadonlyMap<string, keyof PlanHeader> = new Map<string, keyof PlanHeader>([
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

interface OpenField {
  key: keyof PlanHeader | undefined;
  name: string;
  value: string[];
  list: string[];
  listAt: Array<{ line: number; column: number }>;
  line: number;
  column: number;
}

/**
 * Read the header fields between the title and the first `##` heading into `plan.header`
 * (and the text around them into `plan.preamble`), with a position for every field and every
 * feature link.
 */
export function readHeader(lines: readonly string[], from: number, to: number, code: LineSet, plan: Plan, positions: Positions, find: Find): void {
  const pre: string[] = [];
  const post: string[] = [];
  let current: OpenField | null = null;
  const flush = () => {
    if (!current) return;
    const value = current.value.length === 1 ? current.value[0]! : current.value.join('\n');
    if (current.key === 'features') readFeatures(current, value, plan, positions, find);
    else applyHeaderField(current.name, current.key, value, current.list, plan);
    current = null;
  };
  let sawField = false;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    let indent = 0;
    while (indent < line.length && (line.charCodeAt(indent) === 32 || line.charCodeAt(indent) === 9)) indent++;
    const field = indent > 3 || code.has(i + 1) ? null : matchField(indent ? line.slice(indent) : line);
    if (field) {
      flush();
      sawField = true;
      const key = HEADER_KEYS.get(field[0].toLowerCase());
      positions[key ? joinKey('header', key) : `header.extra.${field[0]}`] = { line: i + 1, column: indent + 1 };
      current = { key, name: field[0], value: field[1] ? [field[1]] : [], list: [], listAt: [], line: i + 1, column: indent + 1 };
      continue;
    }
    if (current) {
      const bullet = bulletAt(line);
      if (bullet) {
        current.list.push(line.slice(bullet.text).trim());
        current.listAt.push({ line: i + 1, column: bullet.indent + 1 });
        continue;
      }
    }
    if (isBlank(line)) {
      flush();
      (sawField ? post : pre).push(line);
      continue;
    }
    if (current) {
      current.value.push(line.trim());
      continue;
    }
    (sawField ? post : pre).push(line);
  }
  flush();
  const a = pre.join('\n').trim();
  const b = post.join('\n').trim();
  plan.preamble = a && b ? `${a}\n\n${b}` : a || b;
}

/** The Features field: links written inline and one list item per feature, each with a position. */
function readFeatures(field: OpenField, value: string, plan: Plan, positions: Positions, find: Find): void {
  const features = extractLinks(value);
  for (let k = 0; k < features.length; k++) positions[indexedKey('header.features.', k)] = { line: field.line, column: field.column };
  const stray: string[] = [];
  for (let j = 0; j < field.list.length; j++) {
    const links = extractLinks(field.list[j]!);
    if (links.length === 0) stray.push(field.list[j]!);
    for (const link of links) {
      positions[indexedKey('header.features.', features.length)] = field.listAt[j]!;
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
