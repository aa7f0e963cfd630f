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
  const links = entry.parsed.plan.header.features;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const f = featurePathOfLink(entry.file, l.href) ?? l.text.trim();
    if (f && !out.includes(f)) out.push(f);
  }
  cache.set(entry, out);
  return out;
}
