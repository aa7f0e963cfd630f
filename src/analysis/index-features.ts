import { PLANS_INDEX, type SpecRepo } from '../model/repository.js';

/** A feature named in a row of the plans index that does not exist under spec/features/. */
interface MissingIndexFeature {
  file: string;
  line: number;
  /** The row's plan link text. */
  plan: string;
  feature: string;
}

const EMPTY_CELL = /^(?:—|-|–|\(none\))?$/;

/** Every feature the plans index's rows name that is not a feature of the repository, in row order. */
export function missingIndexFeatures(repo: SpecRepo): MissingIndexFeature[] {
  const out: MissingIndexFeature[] = [];
  for (const row of repo.index?.parsed.rows ?? []) {
    for (const raw of row.features.split(',')) {
      const feature = raw.replace(/`/g, '').trim().replace(/\/+$/, '');
      if (EMPTY_CELL.test(feature) || repo.features.has(feature)) continue;
      out.push({ file: PLANS_INDEX, line: row.line, plan: row.plan.text, feature });
    }
  }
  return out;
}
