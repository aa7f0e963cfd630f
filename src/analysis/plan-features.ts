import { featurePathOfLink } from '../model/links.js';
import type { PlanEntry } from '../model/repository.js';

const cache = new WeakMap<PlanEntry, string[]>();

/**
 * Feature paths a plan lists: link targets below spec/features/, other links by their text;
 * de-duplicated, in order. Memoized per plan entry.
 */
export function planFeatures(entry: PlanEntry): string[] {
  const cached = cache.get(entry);
  if (cached) return cached;
  const out: string[] = [];
  for (const l of entry.parsed.plan.header.features) {
    const f = featurePathOfLink(entry.file, l.href) ?? l.text.trim();
    if (f && !out.includes(f)) out.push(f);
  }
  cache.set(entry, out);
  return out;
}
