import { isNoise } from './blocks-markdown.js';
import { slugify } from './draft-helpers.js';
import { type MdDoc, type MdItem, type MdNode, inlineLines, normalizeHeading, sourceOfRange, tableRows } from '../markdown/mdast.js';
import type { ImportDraft } from './types.js';

/** A phase of an execution plan: its position, its number as written, whether it is marked sequential. */
export interface PhaseInfo {
  index: number;
  number: number;
  sequential: boolean;
}

/** One chunk, merged from its table row and its checklist item. */
export interface Chunk {
  phase: PhaseInfo;
  title: string;
  /** Slugs the chunk can be referred to by (its title and its table name). */
  names: string[];
  /** Text in parentheses after the title: a step id `plan#2` or a tracker id `NS-101`. */
  ref: string | null;
  checked: boolean | null;
  outcomes: string[];
  stream: string | null;
  skills: string | null;
  produces: string[];
  /** The Depends On cell or line as written; null when there is none. */
  dependsOn: string | null;
  body: string;
  line: number;
  /** Step number, assigned after all chunks are read. */
  number: string;
  /** Resolved dependencies (step numbers). */
  deps: string[];
}

/** A row of a phase's `| Chunk | Stream | Outcome | Depends On |` table. */
export interface PhaseRow {
  name: string;
  stream: string | null;
  outcome: string | null;
  dependsOn: string | null;
  line: number;
}

const TITLE = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*(?:\(([^()]+)\))?\s*(.*)$/;
const TRAILING_REF = /^(.*?)\s*\(([A-Za-z][\w-]*-\d+|[^()\s]*#\d+(?:\.\d+)?)\)\s*$/;
const FIELD = /^(?:\*\*|__)?(Outcome|Stream|Skills|Produces|Depends On)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$/i;

function dash(v: string | undefined): boolean {
  return v === undefined || /^\s*[-—–]?\s*$/.test(v);
}

/** The name an artifact is matched by: its leading code span, or the text before " — ". */
export function artifactKey(text: string): string {
  const t = text.trim();
  const code = /^`([^`]+)`/.exec(t);
  if (code) return code[1]!.trim().toLowerCase();
  return t
    .split(/\s+[—–-]\s+|\s+\(/)[0]!
    .trim()
    .toLowerCase();
}

/** Name an artifact is shown by in tables: `batch-input-schema.json — JSON Schema` → `batch-input-schema.json`. */
export function artifactName(text: string): string {
  const t = text.trim();
  const code = /^`([^`]+)`/.exec(t);
  return code ? code[1]!.trim() : t.split(/\s+[—–-]\s+/)[0]!.trim();
}

/** Read a `- [ ] **Title** (ref)` chunk with its Outcome / Stream / Skills / Produces lines and sub-tasks. */
export function readChunkItem(doc: MdDoc, it: MdItem, phase: PhaseInfo): Chunk {
  const lead = it.lead ? inlineLines(doc, it.lead) : [];
  const first = lead[0] ?? '';
  let title = first;
  let ref: string | null = null;
  const m = TITLE.exec(first);
  if (m) {
    title = m[1]!.trim();
    ref = m[2]?.trim() ?? null;
  } else {
    const r = TRAILING_REF.exec(first);
    if (r) {
      title = r[1]!.trim();
      ref = r[2]!;
    }
  }
  const chunk: Chunk = {
    phase,
    title: title || 'Untitled chunk',
    names: [],
    ref,
    checked: it.checked,
    outcomes: [],
    stream: null,
    skills: null,
    produces: [],
    dependsOn: null,
    body: '',
    line: it.line,
    number: '',
    deps: [],
  };
  const body: string[] = [];
  const loose: string[] = [];
  const readLines = (lines: string[]) => {
    let last: { key: string; index: number } | null = null;
    for (const line of lines) {
      const f = FIELD.exec(line);
      if (!f) {
        if (last) appendTo(chunk, last, line);
        else loose.push(line);
        continue;
      }
      const key = f[1]!.toLowerCase();
      const value = f[2]!.trim();
      if (key === 'outcome') chunk.outcomes.push(value);
      else if (key === 'produces') chunk.produces.push(value);
      else if (key === 'stream') chunk.stream = value || null;
      else if (key === 'skills') chunk.skills = value || null;
      else chunk.dependsOn = value;
      last = { key, index: key === 'outcome' ? chunk.outcomes.length - 1 : chunk.produces.length - 1 };
    }
  };
  readLines(lead.slice(1));
  for (const b of it.blocks) {
    if (isNoise(b)) continue;
    if (b.type === 'paragraph') readLines(inlineLines(doc, b));
    else body.push(sourceOfRange(doc, [b]));
  }
  if (loose.length) body.unshift(loose.join('\n'));
  if (m && m[3]?.trim()) body.unshift(m[3].trim());
  for (const list of it.lists) body.push(sourceOfRange(doc, [list]));
  chunk.body = body.filter((x) => x.trim() !== '').join('\n\n');
  chunk.names = [slugify(chunk.title, 200)];
  chunk.outcomes = chunk.outcomes.filter((o) => !dash(o));
  chunk.produces = chunk.produces.filter((p) => !dash(p));
  return chunk;
}

function appendTo(chunk: Chunk, last: { key: string; index: number }, line: string): void {
  const list = last.key === 'outcome' ? chunk.outcomes : last.key === 'produces' ? chunk.produces : null;
  if (list && last.index >= 0) list[last.index] = `${list[last.index]} ${line}`.trim();
  else if (last.key === 'depends on') chunk.dependsOn = `${chunk.dependsOn ?? ''} ${line}`.trim();
}

/** Rows of a chunk table; [] when the table has no Chunk column. */
export function readPhaseTable(doc: MdDoc, table: MdNode): PhaseRow[] {
  const [head, ...rows] = tableRows(doc, table);
  const cols = (head?.cells ?? []).map(normalizeHeading);
  const at = (name: string) => cols.indexOf(name);
  const [chunk, stream, outcome, deps] = [at('chunk'), at('stream'), at('outcome'), at('depends on')];
  if (chunk < 0) return [];
  return rows
    .filter((r) => !dash(r.cells[chunk]))
    .map((r) => ({
      name: r.cells[chunk]!.replace(/^(\*\*|__)(.*)\1$/, '$2').trim(),
      stream: stream >= 0 && !dash(r.cells[stream]) ? r.cells[stream]!.trim() : null,
      outcome: outcome >= 0 && !dash(r.cells[outcome]) ? r.cells[outcome]!.trim() : null,
      dependsOn: deps >= 0 ? (r.cells[deps] ?? '').trim() : null,
      line: r.line,
    }));
}

function same(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase() === b.replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase();
}

/**
 * Pair table rows with checklist items (same name, then one name a prefix of the other, then by
 * position when the counts agree) and merge each pair into one chunk. Unpaired rows and items
 * become chunks of their own. Order: the source order of the chunk list, then chunks that only
 * the table names, in table order.
 */
export function matchRows(items: Chunk[], rows: PhaseRow[], phase: PhaseInfo, draft: ImportDraft): Chunk[] {
  const pairs = new Map<PhaseRow, Chunk>();
  const free = new Set(items);
  const pass = (test: (row: string, item: string) => boolean) => {
    for (const r of rows) {
      if (pairs.has(r)) continue;
      const slug = slugify(r.name, 200);
      const hits = [...free].filter((c) => test(slug, c.names[0]!));
      if (hits.length === 1) {
        pairs.set(r, hits[0]!);
        free.delete(hits[0]!);
      }
    }
  };
  pass((a, b) => a === b);
  pass((a, b) => a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a)));
  const leftRows = rows.filter((r) => !pairs.has(r));
  if (leftRows.length && leftRows.length === free.size) {
    const leftItems = [...free];
    leftRows.forEach((r, i) => {
      pairs.set(r, leftItems[i]!);
      free.delete(leftItems[i]!);
      draft.notes.push(`Phase ${phase.number}: table row "${r.name}" is taken to be the chunk "${leftItems[i]!.title}" (same position)`);
    });
  }
  const out: Chunk[] = [];
  for (const r of rows) {
    const c = pairs.get(r);
    if (!c) {
      out.push({
        phase,
        title: r.name,
        names: [slugify(r.name, 200)],
        ref: null,
        checked: null,
        outcomes: r.outcome ? [r.outcome] : [],
        stream: r.stream,
        skills: null,
        produces: [],
        dependsOn: r.dependsOn,
        body: '',
        line: r.line,
        number: '',
        deps: [],
      });
      continue;
    }
    const rowSlug = slugify(r.name, 200);
    if (!c.names.includes(rowSlug)) c.names.push(rowSlug);
    c.stream ??= r.stream;
    if (r.outcome && !c.outcomes.some((o) => same(o, r.outcome!))) c.outcomes.push(r.outcome);
    if (c.dependsOn === null) c.dependsOn = r.dependsOn;
    out.push(c);
  }
  out.push(...items.filter((c) => free.has(c)));
  // Source order: the chunk list's order rules; chunks only in the table follow, in table order.
  const rank = new Map(out.map((c, k) => [c, items.includes(c) ? items.indexOf(c) : items.length + k]));
  return out.sort((a, b) => rank.get(a)! - rank.get(b)!);
}
