import { checkSpecPath } from '../src/model/paths.js';
import type { FeatureEntry, PlanEntry, ProposalEntry, SpecRepo } from '../src/model/repository.js';
import { ToolFailure } from './result.js';

/** Up to three known names closest to `wanted` (shared prefix / substring), for "did you mean". */
function nearest(wanted: string, known: Iterable<string>): string[] {
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
  return scored.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)).slice(0, 3).map((x) => x[1]);
}

function notFound(kind: string, value: string, known: Iterable<string>, listTool: string): ToolFailure {
  const near = nearest(value, known);
  return new ToolFailure(
    `no ${kind} "${value}" in this repository`,
    `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Call` : 'call'} ${listTool} to see the ${kind} paths`,
  );
}

/** Validate a plan path argument (no `..`, no absolute paths) and look the plan up. */
export function findPlan(repo: SpecRepo, value: string): PlanEntry {
  const p = checkSpecPath('plan', value);
  const e = repo.plans.get(p);
  if (!e) throw notFound('plan', p, repo.plans.keys(), 'list_plans');
  return e;
}

/** Validate a feature path argument and look the feature up. */
export function findFeature(repo: SpecRepo, value: string): FeatureEntry {
  const p = checkSpecPath('feature', value);
  const e = repo.features.get(p);
  if (!e) throw notFound('feature', p, repo.features.keys(), 'list_features');
  return e;
}

/** Validate a proposal id argument (`feature/slug`) and look the proposal up. */
export function findProposal(repo: SpecRepo, value: string): ProposalEntry {
  const p = checkSpecPath('proposal', value, 17);
  if (!p.includes('/')) throw new ToolFailure(`"${value}" is not a proposal id`, 'use feature/proposal-slug, e.g. cli/batch-mode; call list_proposals to see them');
  const e = repo.proposals.get(p);
  if (!e) throw notFound('proposal', p, repo.proposals.keys(), 'list_proposals');
  return e;
}
