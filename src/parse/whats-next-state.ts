import { STATE_CLOSE, STATE_VERSION, stateChecksum, type PlanPrint } from '../model/whats-next-state.js';
import { decodeCommentToken } from '../markdown/escape.js';

/**
 * The state comment of a WHATS-NEXT.md read without its schema (no zod): what the no-parse check
 * needs, and the first step of `parseWhatsNext`.
 */
export type ReadState =
  | { kind: 'missing' }
  /** The file exists but carries no state comment (hand-written, or an older tool). */
  | { kind: 'no-state'; text: string }
  /** The state comment is there but cannot be trusted: bad syntax, other version, checksum. */
  | { kind: 'unreadable'; text: string; reason: string }
  /** Checksum, version and plan lines are right; `meta` is the metadata JSON, not yet validated. */
  | { kind: 'read'; text: string; body: string; meta: unknown; plans: Map<string, PlanPrint> };

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

/**
 * Read the state comment of a report: version, checksum, metadata JSON and plan lines. The
 * metadata is returned as parsed JSON; `parseWhatsNext` validates it. Never throws.
 */
export function readState(text: string | null): ReadState {
  if (text === null) return { kind: 'missing' };
  const { body, state, version } = splitReport(text);
  if (!state) return { kind: 'no-state', text };
  const bad = (reason: string): ReadState => ({ kind: 'unreadable', text, reason });
  if (version !== STATE_VERSION) return bad(`its state was written by another version (v${version})`);
  const sum = state.at(-1);
  const lines = state.slice(0, -1);
  if (!sum?.startsWith('sum ') || !lines[0]?.startsWith('meta ')) return bad('its state comment is incomplete');
  if (sum.slice(4) !== stateChecksum(lines)) return bad('its state comment was edited (checksum mismatch)');
  let meta: unknown;
  try {
    meta = JSON.parse(lines[0].slice(5));
  } catch {
    return bad('its state metadata is not valid JSON');
  }
  const plans = new Map<string, PlanPrint>();
  for (const line of lines.slice(1)) {
    const m = PLAN_LINE.exec(line);
    if (!m) return bad(`its state has an unreadable line "${line.slice(0, 80)}"`);
    plans.set(decodeCommentToken(m[1]!), { content: m[2]!, exec: m[3]!, flags: m[4]! });
  }
  return { kind: 'read', text, body, meta, plans };
}
