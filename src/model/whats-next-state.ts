import { digest } from './digest.js';
import type { StateMeta } from './whats-next-state-schema.js';

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

/** How many recommendations a report lists unless told otherwise (recorded in the state as `top`). */
export const DEFAULT_TOP = 5;

/** Checksum over the state lines (the body has its own digest in `meta.body`). */
export function stateChecksum(lines: readonly string[]): string {
  return digest(lines.join('\n'));
}
