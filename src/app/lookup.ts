import { act, UsageError, type Action } from '../model/errors.js';
import { checkSpecPath } from '../model/paths.js';
import type { FeatureEntry, PlanEntry, ProposalEntry, SpecRepo } from '../model/repository.js';

/** Up to three known names closest to `wanted` (shared prefix / substring), for "did you mean". */
export function nearest(wanted: string, known: Iterable<string>): string[] {
  const w = wanted.toLowerCase();
  const last = w.split('/').at(-1) ?? w;
  const scored: Array<[number, string]> = [];
  for (const k of known) {
    const tail = k.split('/').at(-1) ?? k;
    let s = 0;
    if (k.includes(last) || last.includes(tail)) s += 2;
    let p = 0;
    while (p < Math.min(tail.length, last.length) && tail[p] === last[p]) p++;
    s += p / 4;
    if (s >= 1) scored.push([s, k]);
  }
  return scored
    .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))
    .slice(0, 3)
    .map((x) => x[1]);
}

function notFound(kind: string, value: string, known: Iterable<string>, list: Action): UsageError {
  const near = nearest(value, known);
  const guess = near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
  return new UsageError(`no ${kind} "${value}" in this repository`, [`${guess}${guess ? 'See' : 'see'} the ${kind} paths with `, list]);
}

/** Validate a plan path argument (no `..`, no absolute paths) and look the plan up. */
export function findPlan(repo: SpecRepo, value: string): PlanEntry {
  const p = checkSpecPath('plan', value);
  const e = repo.plans.get(p);
  if (!e) throw notFound('plan', p, repo.plans.keys(), act({ do: 'status' }));
  return e;
}

/** Validate a feature path argument and look the feature up. */
export function findFeature(repo: SpecRepo, value: string): FeatureEntry {
  const p = checkSpecPath('feature', value);
  const e = repo.features.get(p);
  if (!e) throw notFound('feature', p, repo.features.keys(), act({ do: 'list', of: 'features' }));
  return e;
}

/** Validate a proposal id argument (`feature/slug`) and look the proposal up. */
export function findProposal(repo: SpecRepo, value: string): ProposalEntry {
  const p = checkSpecPath('proposal', value, 17);
  if (!p.includes('/'))
    throw new UsageError(`"${value}" is not a proposal id`, [
      'use feature/proposal-slug, e.g. cli/batch-mode; see the proposals with ',
      act({ do: 'list', of: 'proposals' }),
    ]);
  const e = repo.proposals.get(p);
  if (!e) throw notFound('proposal', p, repo.proposals.keys(), act({ do: 'list', of: 'proposals' }));
  return e;
}
