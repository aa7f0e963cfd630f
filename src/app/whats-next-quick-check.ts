import { parseWhatsNext } from '../parse/whats-next.js';
import { ledgerDigest, scanFeaturesDigest, scanPlanDigests, trailersDigest } from '../repo/raw-prints.js';

/**
 * True when the previous report is current and nothing it was built from changed: the same plan
 * documents (content digests), ledger text, feature files and trailer commits. Reads and hashes
 * files without parsing them and loads no markdown, YAML or git library, so an unchanged
 * 10,000-plan repository is recognized in well under a second. False means "unknown": the
 * caller takes the full path, which decides exactly.
 */
export async function quickUpToDate(root: string, previousText: string | null, top: number): Promise<boolean> {
  const prev = parseWhatsNext(previousText);
  if (prev.kind !== 'ok' || prev.handEdited || prev.state.meta.top !== top) return false;
  const raw = prev.state.meta.raw;
  if (raw.ledger === '-' && raw.features === '-' && raw.trailers === '-') return false;
  const trailers = trailersDigest(root);
  if (raw.ledger !== ledgerDigest(root) || raw.features !== scanFeaturesDigest(root)) return false;
  const plans = scanPlanDigests(root);
  if (plans.size !== prev.state.plans.size) return false;
  for (const [p, d] of plans) if (prev.state.plans.get(p)?.content !== d) return false;
  return (await trailers) === raw.trailers;
}
