import { digest } from '../model/digest.js';
import type { RawPrints } from '../model/whats-next-state.js';
import { readState } from '../parse/whats-next-state.js';
import { ledgerDigest, scanFeaturesDigest, scanPlanDigests, trailersDigest } from '../repo/raw-prints.js';
import { trackedPrint } from '../repo/tracked-print.js';

/**
 * What the no-parse check found: `current` true when the previous report is current; `by` says
 * how the READMEs were compared: `git` (git's index, no README read), `texts` (every README read
 * and hashed) or null when the check stopped before comparing them.
 */
export interface QuickCheck {
  current: boolean;
  by: 'git' | 'texts' | null;
}

/**
 * Whether the previous report is current and nothing it was built from changed: the same plan
 * and feature READMEs, ledger text and trailer commits. Loads no markdown, YAML or git library.
 * When the report records a tracked print (the READMEs as git's index held them, the work tree
 * matching) and the print is the same now, no README is read: an unchanged 10,000-plan
 * repository is recognized by one `git ls-files`. A print that is there but differs means
 * committed changes: the full path decides, and records the new print so the next run is fast
 * again. No print (not a git repository, uncommitted README changes): every README is read and
 * hashed. The state is read without its schema (no zod on this path). `current: false` means
 * "unknown": the caller takes the full path, which decides exactly.
 */
export async function quickCheck(root: string, previousText: string | null, top: number): Promise<QuickCheck> {
  if (previousText === null) return { current: false, by: null };
  // git runs while the report's state is read.
  const pending = Promise.all([trailersDigest(root), trackedPrint(root)]);
  const prev = readState(previousText);
  const meta = prev.kind === 'read' ? recorded(prev.meta) : null;
  if (prev.kind !== 'read' || !meta || meta.top !== top || digest(prev.body) !== meta.body) return { current: false, by: null };
  const raw = meta.raw;
  if (raw.ledger === '-' && raw.features === '-' && raw.trailers === '-') return { current: false, by: null };
  const [trailers, tracked] = await pending;
  if (trailers !== raw.trailers || ledgerDigest(root) !== raw.ledger) return { current: false, by: null };
  if (tracked !== '-') return { current: tracked === raw.tracked, by: 'git' };
  if (raw.features !== scanFeaturesDigest(root)) return { current: false, by: 'texts' };
  const plans = scanPlanDigests(root);
  if (plans.size !== prev.plans.size) return { current: false, by: 'texts' };
  for (const [p, d] of plans) if (prev.plans.get(p)?.content !== d) return { current: false, by: 'texts' };
  return { current: true, by: 'texts' };
}

/**
 * The fields of the recorded metadata this check reads, when they have the types the state
 * schema gives them (the full path validates the whole state): null otherwise.
 */
function recorded(meta: unknown): { top: number; body: string; raw: RawPrints } | null {
  const m = meta as { top?: unknown; body?: unknown; raw?: Record<string, unknown> } | null;
  const raw = m?.raw;
  const text = (v: unknown) => typeof v === 'string';
  if (!m || typeof m.top !== 'number' || !text(m.body) || !raw || !text(raw.ledger) || !text(raw.features) || !text(raw.trailers)) return null;
  if (raw.tracked !== undefined && !text(raw.tracked)) return null;
  return m as { top: number; body: string; raw: RawPrints };
}
