import type { FeatureEntry } from '../model/repository.js';
import { findFeature } from './lookup.js';
import { matchesText, type ReadView } from './read-view.js';

/** Which features to list; every filter is optional. */
interface FeatureQuery {
  /** The feature status, case-insensitive. */
  status?: string | undefined;
  /** A substring of the path, the title or the document. */
  text?: string | undefined;
}

/** A feature and the plans that list it. */
interface FeatureReading {
  entry: FeatureEntry;
  plans: Array<{ plan: string; status: string | null }>;
}

function plansByFeature(view: ReadView): Map<string, Array<{ plan: string; status: string | null }>> {
  const out = new Map<string, Array<{ plan: string; status: string | null }>>();
  for (const r of view.plans.values()) for (const f of r.features) (out.get(f) ?? out.set(f, []).get(f)!).push({ plan: r.plan, status: r.derivedStatus });
  return out;
}

/** The features matching a query, in path order, each with the plans listing it. */
export function listFeatures(view: ReadView, q: FeatureQuery): FeatureReading[] {
  const status = q.status?.toLowerCase();
  const plans = plansByFeature(view);
  return [...view.repo.features.values()]
    .filter(
      (f) => (!status || f.parsed.feature.status?.toLowerCase() === status) && matchesText(q.text, f.path, f.parsed.feature.title, q.text ? f.text : null),
    )
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => ({ entry, plans: plans.get(entry.path) ?? [] }));
}

/** Read one feature by its path below spec/features/. */
export function readFeature(view: ReadView, feature: string): FeatureReading {
  const entry = findFeature(view.repo, feature);
  return { entry, plans: plansByFeature(view).get(entry.path) ?? [] };
}
