import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IsoDateSchema, type WorkItem } from '../model/execution.js';
import type { PlanFacts } from '../rank/types.js';
import { commentJson, commentToken, decodeCommentToken } from '../markdown/escape.js';
import type { SpecRepo } from '../model/repository.js';

/** Version of the embedded state; a different one is treated as unreadable (full rebuild). */
export const STATE_VERSION = 1;
export const STATE_OPEN = `<!-- whats-next-state v${STATE_VERSION}`;
export const STATE_CLOSE = '-->';

/** Short hex digest of text (line endings normalized, so a CRLF checkout hashes the same). */
export function digest(text: string, length = 16): string {
  return createHash('sha256').update(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).digest('hex').slice(0, length);
}

/** A plan path as the state records it (any folder name, bounded). */
const PlanPath = z.string().min(1).max(1000);

/** What the report listed as "since the last update"; carried forward while nothing changes. */
export const SinceSchema = z.object({
  completed: z.array(z.tuple([PlanPath, IsoDateSchema.nullable()])).describe('[plan, completedOn] listed in Completed Since Last Update'),
  more: z.number().int().min(0).describe('Completions not listed (over the cap)'),
  unblocked: z.array(z.tuple([PlanPath, z.array(PlanPath)])).describe('[plan, unblockedBy[]] newly unblocked'),
});
export type Since = z.infer<typeof SinceSchema>;

/** The `meta` line of the embedded state. */
export const StateMetaSchema = z.object({
  generated: IsoDateSchema.describe('Generated date of the report'),
  mode: z.enum(['full', 'incremental']),
  body: z.string().describe('Digest of the visible report above the state comment'),
  features: z.string().describe('Digest of every feature path and status'),
  items: z.string().describe('Digest of every execution item'),
  prose: z.enum(['llm', 'template']).describe('Who wrote Reasoning and Outstanding Questions'),
  ranking: z.string().describe('Digest of what the prose is written from: recommended entries and the template questions'),
  top: z.number().int().min(1).describe('How many recommendations the report lists'),
  shown: z.array(z.tuple([PlanPath, z.number()])).describe('[plan, score] of the recommendations listed, in order'),
  raw: z
    .object({
      ledger: z.string().describe('Digest of the ledger file text, - when absent'),
      features: z.string().describe('Digest of every feature README'),
      trailers: z.string().describe('Digest of the Plan-Step trailer items'),
    })
    .describe('Digests of the raw inputs, so an unchanged repository is recognized without parsing'),
  since: SinceSchema,
});
export type StateMeta = z.infer<typeof StateMetaSchema>;

/** One plan's fingerprint: content digest, execution digest and derived flags. */
export interface PlanPrint {
  content: string;
  exec: string;
  /** Sorted letters: b blocked, c completed, p in progress, s superseded; `-` for none. */
  flags: string;
}

export interface WhatsNextState {
  meta: StateMeta;
  plans: Map<string, PlanPrint>;
}

/** Derived flags of one plan. */
export function flagsOf(f: PlanFacts): string {
  const s = [f.blockedBy.length ? 'b' : '', f.progress.completed ? 'c' : '', f.progress.inProgress ? 'p' : '', f.status === 'superseded' ? 's' : ''].join('');
  return s || '-';
}

function itemKey(i: WorkItem): string {
  return `${i.plan}\u0000${i.step ?? ''}\u0000${i.id}\u0000${i.status}\u0000${i.updated ?? ''}\u0000${i.source}`;
}

/** Digest of a list of work items, independent of their order. */
export function itemsDigest(items: readonly WorkItem[]): string {
  if (!items.length) return '-';
  return digest(items.map(itemKey).sort().join('\n'), 8);
}

/** Digest of every feature path and status (what the ranking reads from features). */
export function featuresDigest(repo: SpecRepo): string {
  const rows = [...repo.features.values()].map((f) => `${f.path}\u0000${f.parsed.feature.status ?? ''}`).sort();
  return digest(rows.join('\n'));
}

/** Content and execution fingerprints of every plan. */
export function planPrints(repo: SpecRepo, facts: readonly PlanFacts[], itemsOf: (plan: string) => readonly WorkItem[]): Map<string, PlanPrint> {
  const out = new Map<string, PlanPrint>();
  for (const f of facts) {
    const e = repo.plans.get(f.path)!;
    out.set(f.path, { content: digest(e.text, 10), exec: itemsDigest(itemsOf(f.path)), flags: flagsOf(f) });
    // digest(text, 10) is contentDigest() of raw-prints.ts: the fast no-change check compares them.
  }
  return out;
}

/**
 * A plan path as one token of a state line: white space, control characters, `%`, `<`, `>`,
 * `!` and `&` percent-encoded, so that no folder name can end (or open) the state comment.
 */
export function encodePathToken(p: string): string {
  return commentToken(p);
}

/** Inverse of `encodePathToken`. */
export function decodePathToken(t: string): string {
  return decodeCommentToken(t);
}

/** The lines inside the state comment (without the opening/closing lines and the checksum). */
export function stateLines(meta: StateMeta, plans: ReadonlyMap<string, PlanPrint>): string[] {
  const lines = [`meta ${commentJson(meta)}`];
  for (const p of [...plans.keys()].sort()) {
    const x = plans.get(p)!;
    lines.push(`plan ${encodePathToken(p)} ${x.content} ${x.exec} ${x.flags}`);
  }
  return lines;
}

/** Checksum over the state lines (the body has its own digest in `meta.body`). */
export function stateChecksum(lines: readonly string[]): string {
  return digest(lines.join('\n'));
}

/** The whole state comment, ending with a newline. */
export function renderState(meta: StateMeta, plans: ReadonlyMap<string, PlanPrint>): string {
  const lines = stateLines(meta, plans);
  return `${STATE_OPEN}\n${lines.join('\n')}\nsum ${stateChecksum(lines)}\n${STATE_CLOSE}\n`;
}
