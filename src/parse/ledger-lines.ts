/**
 * The common shape of the work-item ledger, read without a YAML library: `items:` followed by
 * one flow mapping per line (`  - { id: A-1, plan: auth, step: "2", status: done }`), as the
 * tools and most scripts write it. Anything else (block mappings, numbers, booleans, escapes,
 * anchors, duplicate keys, a value spanning lines) is left to the YAML reader: this reader
 * answers only when its result is the one the YAML reader would give.
 */
export interface LedgerLines {
  value: { items: Record<string, string>[] };
  /** Where item N's mapping starts (its `{`), as the YAML reader reports a node's position. */
  positionOf: (path: ReadonlyArray<string | number>) => { line: number; column: number };
}

const ITEM = /^( *)- \{ *(.*?) *\} *$/;
/** `key: value` then a comma or the end; a value is double-quoted, single-quoted or a plain word. */
const PAIR = / *([A-Za-z_][A-Za-z0-9_]*): +(?:"([^"\\\x00-\x1f]*)"|'([^'\x00-\x1f]*)'|([A-Za-z0-9_][A-Za-z0-9_./+-]*)) *(,|$)/y;
/** Plain words the YAML core schema reads as something other than a string. */
const NOT_A_STRING =
  /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** The ledger's items when `text` has the one-mapping-per-line shape; null otherwise. */
export function readLedgerLines(text: string): LedgerLines | null {
  if (text.includes('\r') || text.includes('\t')) return null;
  const lines = text.split('\n');
  let i = 0;
  const skippable = (l: string) => l.trim() === '' || /^ *#/.test(l);
  while (i < lines.length && skippable(lines[i]!)) i++;
  if (lines[i] !== 'items:') return null;
  const items: Record<string, string>[] = [];
  const at: { line: number; column: number }[] = [];
  let indent: string | null = null;
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (skippable(line)) continue;
    const m = ITEM.exec(line);
    if (!m || (indent !== null && m[1] !== indent)) return null;
    indent = m[1]!;
    const item = pairs(m[2]!);
    if (item === null) return null;
    items.push(item);
    at.push({ line: i + 1, column: line.indexOf('{') + 1 });
  }
  if (items.length === 0) return null;
  return {
    value: { items },
    positionOf: (path) => (path.length === 2 && path[0] === 'items' && typeof path[1] === 'number' && at[path[1]]) || { line: 1, column: 1 },
  };
}

/** The pairs of one flow mapping's content, or null when any part is outside the shape. */
function pairs(content: string): Record<string, string> | null {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  PAIR.lastIndex = 0;
  while (PAIR.lastIndex < content.length) {
    const m = PAIR.exec(content);
    if (!m) return null;
    const key = m[1]!;
    const plain = m[4];
    if (key in out || key === '__proto__' || (plain !== undefined && NOT_A_STRING.test(plain))) return null;
    out[key] = m[2] ?? m[3] ?? plain!;
    // A comma must be followed by another pair.
    if (m[5] === ',' && PAIR.lastIndex >= content.length) return null;
  }
  return Object.keys(out).length ? { ...out } : null;
}
