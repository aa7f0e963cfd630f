import { hexDigest } from '../model/digest.js';
import { codeLineSet, type LineSet, scalar } from '../markdown/blocks.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { normalizeTitle } from '../parse/plan.js';
import { fieldBlocks } from '../markdown/header-fields.js';
import { splitLines } from '../markdown/text-lines.js';

// The statuses a frozen plan may show: approval, and the supersession that may follow it.
const FROZEN = new Set(['approved', 'superseded']);

// A named piece of a section (a header field, a step) and the hash of its text.
interface FrozenPart {
  name: string;
  hash: string;
}

// A section of a plan document at approval time.
interface FrozenSection {
  /** Stable key: `title`, `header`, `section:steps`, … */
  key: string;
  /** What users call it: `Header`, `Steps`, `Child Plans`. */
  name: string;
  hash: string;
  parts: FrozenPart[];
}

/** What approval records: a fingerprint of the content, section by section. */
export interface FrozenSnapshot {
  /** sha256 over the sections, lifecycle fields normalized. */
  fingerprint: string;
  sections: FrozenSection[];
}

/** One section that differs from the approved content. */
export interface FreezeChange {
  section: string;
  /** 1-based line of the section in the current document (1 when it was removed). */
  line: number;
  /** What changed inside it: `"2. Implement parser" edited`, `Status approved → draft`. */
  details: string[];
}

function sha(text: string): string {
  return hexDigest('sha256', text);
}

function trimmed(lines: readonly string[]): string {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b).join('\n');
}

interface Segment {
  key: string;
  name: string;
  line: number;
  text: string;
  parts: Array<{ name: string; text: string; line: number }>;
  status?: string | null;
  /** Header only: whether any Status field says approved or superseded. */
  frozen?: boolean;
}

// A `Superseded by` value as supersession writes it: exactly one link.
const SUCCESSOR_LINK = /^\[[^\]\n]*\]\([^()\s]*\)$/;

// Header fields as frozen parts. Exactly two things are left out, the ones a transition may
// change after approval: the Status value (approved and superseded count the same) and the
// first `**Superseded by:** [plan](link)` line. Lines continuing either field, and any second
// Superseded by field, are content like any other.
function headerParts(lines: readonly string[], start: number, end: number, code: LineSet): { parts: Segment['parts']; status: string | null; frozen: boolean } {
  const blocks = fieldBlocks(lines, start, end, code);
  const parts: Segment['parts'] = [];
  let status: string | null = null;
  let frozen = false;
  let successorSeen = false;
  let cursor = start;
  const loose: string[] = [];
  for (const b of blocks) {
    loose.push(...lines.slice(cursor, b.start));
    cursor = b.end;
    const value = b.value;
    const rest = trimmed(lines.slice(b.start + 1, b.end));
    if (b.key === 'superseded by' && !successorSeen && SUCCESSOR_LINK.test(value)) {
      successorSeen = true;
      if (rest) parts.push({ name: 'text after Superseded by', text: rest, line: b.start + 2 });
      continue;
    }
    if (b.key === 'status') {
      status = scalar(value);
      frozen ||= FROZEN.has(status);
      parts.push({ name: 'Status', text: `status: ${FROZEN.has(status) ? 'approved' : status}`, line: b.start + 1 });
      if (rest) parts.push({ name: 'text after Status', text: rest, line: b.start + 2 });
      continue;
    }
    parts.push({ name: b.name, text: trimmed(lines.slice(b.start, b.end)), line: b.start + 1 });
  }
  loose.push(...lines.slice(cursor, end));
  const other = trimmed(loose.filter((l) => l.trim() !== ''));
  if (other) parts.push({ name: 'text outside the fields', text: other, line: start + 1 });
  return { parts, status, frozen };
}

function segments(text: string): Segment[] {
  const { lines } = splitLines(text);
  const outline = scanOutline(lines);
  const title = outline.headings.find((h) => h.depth === 1);
  const t = title ? title.line - 1 : -1;
  const h2 = outline.headings.filter((h) => h.depth === 2 && h.line - 1 > t);
  const out: Segment[] = [];
  if (t > 0 && trimmed(lines.slice(0, t))) out.push({ key: 'preamble', name: 'text before the title', line: 1, text: trimmed(lines.slice(0, t)), parts: [] });
  if (title) out.push({ key: 'title', name: 'Title', line: title.line, text: lines[t]!.trim(), parts: [] });
  const headerEnd = h2[0] ? h2[0].line - 1 : lines.length;
  const header = headerParts(lines, t + 1, headerEnd, codeLineSet(outline));
  out.push({
    key: 'header',
    name: 'Header',
    line: t + 2,
    text: header.parts.map((p) => `${p.name}\n${p.text}`).join('\n\n'),
    parts: header.parts,
    status: header.status,
    frozen: header.frozen,
  });
  const seen = new Map<string, number>();
  h2.forEach((h, i) => {
    const from = h.line - 1;
    const to = i + 1 < h2.length ? h2[i + 1]!.line - 1 : lines.length;
    const base = normalizeTitle(h.text);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const inner = outline.headings.filter((x) => x.line - 1 > from && x.line - 1 < to && (x.depth === 3 || x.depth === 4));
    const parts: Segment['parts'] = [];
    const intro = trimmed(lines.slice(from + 1, inner[0] ? inner[0].line - 1 : to));
    if (inner.length && intro) parts.push({ name: 'introduction', text: intro, line: h.line + 1 });
    inner.forEach((x, k) => {
      const end = k + 1 < inner.length ? inner[k + 1]!.line - 1 : to;
      parts.push({ name: x.text, text: trimmed(lines.slice(x.line - 1, end)), line: x.line });
    });
    out.push({ key: `section:${base}${n > 1 ? `#${n}` : ''}`, name: h.text, line: h.line, text: trimmed(lines.slice(from, to)), parts });
  });
  return out;
}

function toSection(s: Segment): FrozenSection {
  const seen = new Map<string, number>();
  const parts = s.parts.map((p) => {
    const n = (seen.get(p.name) ?? 0) + 1;
    seen.set(p.name, n);
    return { name: n > 1 ? `${p.name} (#${n})` : p.name, hash: sha(p.text) };
  });
  return { key: s.key, name: s.name, hash: sha(s.text), parts };
}

function fingerprintOf(sections: readonly FrozenSection[]): string {
  return sha(sections.map((s) => `${s.key}\u0000${s.hash}`).join('\n'));
}

/**
 * Fingerprint a plan document as approval records it: every line of it, section by section,
 * except the Status value (approved ≡ superseded) and the `Superseded by` link line. Pure.
 */
export function freezeSnapshot(text: string): FrozenSnapshot {
  const sections = segments(text).map(toSection);
  return { fingerprint: fingerprintOf(sections), sections };
}

/** The status written in a plan document's header (its last Status field), or null. */
export function headerStatus(text: string): string | null {
  return segments(text).find((s) => s.key === 'header')?.status ?? null;
}

/** True when any Status field of the header says approved or superseded: the content is frozen. */
export function saysFrozen(text: string): boolean {
  return segments(text).find((s) => s.key === 'header')?.frozen === true;
}

function partDetails(before: FrozenPart[], after: FrozenPart[]): string[] {
  const a = new Map(before.map((p) => [p.name, p.hash]));
  const b = new Map(after.map((p) => [p.name, p.hash]));
  const out: string[] = [];
  for (const p of before) {
    if (!b.has(p.name)) out.push(`"${p.name}" removed`);
    else if (b.get(p.name) !== p.hash) out.push(`"${p.name}" edited`);
  }
  for (const p of after) if (!a.has(p.name)) out.push(`"${p.name}" added`);
  if (!out.length) {
    const common = (xs: FrozenPart[]) => xs.map((p) => p.name).join('\n');
    if (common(before) !== common(after)) out.push('reordered');
  }
  return out;
}

/**
 * The sections of `currentText` that differ from the approved snapshot, ignoring only what
 * supersession may change: the Status value (approved → superseded) and the `Superseded by`
 * field. Blank lines between blocks are not content. Empty when the plan is unchanged. Pure.
 */
export function compareWithApproved(baseline: FrozenSnapshot, currentText: string): FreezeChange[] {
  const current = segments(currentText);
  const now = new Map(current.map((s) => [s.key, { seg: s, frozen: toSection(s) }]));
  const out: FreezeChange[] = [];
  const status = current.find((s) => s.key === 'header')?.status ?? null;
  for (const b of baseline.sections) {
    const c = now.get(b.key);
    if (!c) {
      out.push({ section: b.name, line: 1, details: ['section removed'] });
      continue;
    }
    if (c.frozen.hash === b.hash) continue;
    const details = partDetails(b.parts, c.frozen.parts).map((d) =>
      d === '"Status" edited' ? `Status changed to ${status ?? '(none)'}; an approved plan may only become superseded` : d,
    );
    // Point at the first part that differs, else at the section heading.
    const was = new Map(b.parts.map((p) => [p.name, p.hash]));
    const first = c.frozen.parts.findIndex((p) => was.get(p.name) !== p.hash);
    const line = first >= 0 ? c.seg.parts[first]!.line : c.seg.line;
    out.push({ section: c.seg.name, line, details: details.length ? details : ['text edited'] });
  }
  const known = new Set(baseline.sections.map((s) => s.key));
  for (const s of current) if (!known.has(s.key)) out.push({ section: s.name, line: s.line, details: ['section added'] });
  if (!out.length) {
    const order = (keys: string[]) => keys.join('\n');
    if (order(baseline.sections.map((s) => s.key)) !== order(current.map((s) => s.key)))
      out.push({ section: 'document', line: 1, details: ['sections reordered'] });
    else if (fingerprintOf(current.map(toSection)) !== baseline.fingerprint)
      out.push({ section: 'document', line: 1, details: ['content differs from the recorded fingerprint'] });
  }
  return out.sort((x, y) => x.line - y.line || x.section.localeCompare(y.section));
}

/** One line describing a change: `Steps ("2. Implement parser" edited)`. */
export function describeChange(c: FreezeChange): string {
  return `${c.section} (${c.details.join('; ')})`;
}
