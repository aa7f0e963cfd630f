import type { ExtraField } from '../model/common.js';
import type { Plan, PlanHeader } from '../model/plan.js';
import { bulletAt, extractLinks, firstLink, isBlank, type LineSet, matchField, scalar } from './blocks.js';
import type { Finding, Positions } from './finding.js';

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
    const value = current.value.join('\n');
    applyHeaderField(current.name, current.key, value, current.list, plan, find, current.line);
    if (current.key === 'features') {
      // One position per feature link: its list item, or the field line for links written inline.
      let k = 0;
      for (let n = extractLinks(value).length; k < n; k++) positions[`header.features.${k}`] = { line: current.line, column: current.column };
      for (let j = 0; j < current.list.length; j++) {
        for (let n = extractLinks(current.list[j]!).length; n > 0; n--) positions[`header.features.${k++}`] = current.listAt[j]!;
      }
    }
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
      positions[key ? `header.${key}` : `header.extra.${field[0]}`] = { line: i + 1, column: indent + 1 };
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

function applyHeaderField(name: string, key: keyof PlanHeader | undefined, value: string, list: string[], plan: Plan, find: Find, line: number): void {
  const h = plan.header;
  if (!key) {
    const full = [value, ...list.map((l) => `- ${l}`)].filter(Boolean).join('\n');
    h.extra.push({ name, value: full } satisfies ExtraField);
    return;
  }
  if (key === 'features') {
    const fromList = list.flatMap((l) => extractLinks(l));
    h.features = [...extractLinks(value), ...fromList];
    const stray = list.filter((l) => extractLinks(l).length === 0);
    if (stray.length) find(line, 1, 'warning', 'plan/features-format', `Features entries without a link (${stray.join('; ')}); expected "- [feature](../../features/feature/README.md)"`);
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
