import { z } from 'zod';
import { digest } from './digest.js';
import { IsoDateSchema } from './execution.js';
import { ModeSchema } from './whats-next-report.js';

/**
 * The machine state embedded at the end of WHATS-NEXT.md: what the report was built from, so an
 * incremental run knows what changed. Written by `src/whats-next/`, read by `src/parse/`.
 */

/**
 * Version of the embedded state and of the report layout it describes; a report of another version
 * is rebuilt in full (version 2 added the Portfolio section).
 */
export const STATE_VERSION = 2;
export const STATE_OPEN = `<!-- whats-next-state v${STATE_VERSION}`;
export const STATE_CLOSE = '-->';

/** A plan path as the state records it (any folder name, bounded). */
const PlanPath = z.string().min(1).max(1000);

/** What the report listed as "since the last update"; carried forward while nothing changes. */
const SinceSchema = z.object({
  completed: z.array(z.tuple([PlanPath, IsoDateSchema.nullable()])).describe('[plan, completedOn] listed in Completed Since Last Update'),
  more: z.number().int().min(0).describe('Completions not listed (over the cap)'),
  unblocked: z.array(z.tuple([PlanPath, z.array(PlanPath)])).describe('[plan, unblockedBy[]] newly unblocked'),
});
export type Since = z.infer<typeof SinceSchema>;

/** The `meta` line of the embedded state. */
export const StateMetaSchema = z.object({
  generated: IsoDateSchema.describe('Generated date of the report'),
  mode: ModeSchema,
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

/** Digests of the raw inputs, recorded in the state so that "nothing changed" needs no parsing. */
export type RawPrints = StateMeta['raw'];

/** Checksum over the state lines (the body has its own digest in `meta.body`). */
export function stateChecksum(lines: readonly string[]): string {
  return digest(lines.join('\n'));
}
