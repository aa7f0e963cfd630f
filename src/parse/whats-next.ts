import { digest } from '../model/digest.js';
import { STATE_CLOSE, STATE_VERSION, stateChecksum, StateMetaSchema, type PlanPrint, type WhatsNextState } from '../model/whats-next-state.js';
import { decodeCommentToken } from '../markdown/escape.js';
import { splitLines } from '../markdown/text-lines.js';
import { scanOutline } from '../markdown/outline-fast.js';
import { joinTrimmed } from '../markdown/blocks.js';

/** The previous WHATS-NEXT.md as incremental mode sees it. */
export type PreviousReport =
  | { kind: 'missing' }
  /** The file exists but carries no state comment (hand-written, or an older tool). */
  | { kind: 'no-state'; text: string }
  /** The state comment is there but cannot be trusted: bad syntax, other version, checksum. */
  | { kind: 'unreadable'; text: string; reason: string }
  | {
      kind: 'ok';
      text: string;
      /** The visible report above the state comment. */
      body: string;
      state: WhatsNextState;
      /** The visible report no longer matches the digest recorded when it was generated. */
      handEdited: boolean;
      /** Bodies of `### Reasoning` and `## Outstanding Questions`, as written. */
      reasoning: string;
      questions: string;
    };

const OPEN = /^<!-- whats-next-state v(\d+)\s*$/;
const PLAN_LINE = /^plan (\S+) ([0-9a-f]{10}) ([0-9a-f]{8}|-) ([bcps]+|-)$/;

/** Split a report into its visible body and its state comment lines (null when none). */
export function splitReport(text: string): { body: string; state: string[] | null; version: number | null } {
  const norm = text.replace(/\r\n?/g, '\n');
  const lines = norm.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = OPEN.exec(lines[i]!);
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== STATE_CLOSE) end++;
    let bodyEnd = i;
    if (bodyEnd > 0 && lines[bodyEnd - 1] === '') bodyEnd--;
    return { body: `${lines.slice(0, bodyEnd).join('\n')}\n`, state: lines.slice(i + 1, end), version: Number(m[1]) };
  }
  return { body: norm, state: null, version: null };
}

/** Body of the section under `title` (a heading of that exact text), up to the next heading. */
function sectionBody(lines: readonly string[], title: string): string {
  const outline = scanOutline(lines);
  const k = outline.headings.findIndex((h) => h.text === title);
  if (k < 0) return '';
  const start = outline.headings[k]!.line;
  const next = outline.headings[k + 1]?.line ?? lines.length + 1;
  return joinTrimmed(lines, start, next - 1);
}

/**
 * Read a previous WHATS-NEXT.md: its visible body, the embedded machine state (validated: version,
 * syntax, zod schema, checksum) and whether the body was edited by hand since it was generated.
 * Never throws; a state that cannot be trusted is reported with the reason.
 */
export function parseWhatsNext(text: string | null): PreviousReport {
  if (text === null) return { kind: 'missing' };
  const { body, state, version } = splitReport(text);
  if (!state) return { kind: 'no-state', text };
  const bad = (reason: string): PreviousReport => ({ kind: 'unreadable', text, reason });
  if (version !== STATE_VERSION) return bad(`its state was written by another version (v${version})`);
  const sum = state.at(-1);
  const lines = state.slice(0, -1);
  if (!sum?.startsWith('sum ') || !lines[0]?.startsWith('meta ')) return bad('its state comment is incomplete');
  if (sum.slice(4) !== stateChecksum(lines)) return bad('its state comment was edited (checksum mismatch)');
  let json: unknown;
  try {
    json = JSON.parse(lines[0].slice(5));
  } catch {
    return bad('its state metadata is not valid JSON');
  }
  const meta = StateMetaSchema.safeParse(json);
  if (!meta.success) return bad(`its state metadata is invalid (${meta.error.issues[0]?.path.join('.')}: ${meta.error.issues[0]?.message})`);
  const plans = new Map<string, PlanPrint>();
  for (const line of lines.slice(1)) {
    const m = PLAN_LINE.exec(line);
    if (!m) return bad(`its state has an unreadable line "${line.slice(0, 80)}"`);
    plans.set(decodeCommentToken(m[1]!), { content: m[2]!, exec: m[3]!, flags: m[4]! });
  }
  const bodyLines = splitLines(body).lines;
  return {
    kind: 'ok',
    text,
    body,
    state: { meta: meta.data, plans },
    handEdited: digest(body) !== meta.data.body,
    reasoning: sectionBody(bodyLines, 'Reasoning'),
    questions: sectionBody(bodyLines, 'Outstanding Questions'),
  };
}

/** What a reader of WHATS-NEXT.md needs: its header fields and the recommended plans, in rank order. */
export function summarizeReport(body: string): { generated: string | null; mode: string | null; recommended: string[] } {
  const field = (name: string) => new RegExp(`^\\*\\*${name}:\\*\\*\\s*(.+)$`, 'm').exec(body)?.[1]?.trim() ?? null;
  const section = /^## Recommended Next\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(body)?.[1] ?? '';
  const recommended = [...section.matchAll(/^\d+\.\s+\*\*\[([^\]]+)\]\(([^)]*)\)\*\*/gm)].map((m) => m[2]!.replace(/\/+$/, '').replace(/\.md$/, '') || m[1]!);
  return { generated: field('Generated'), mode: field('Mode'), recommended };
}
