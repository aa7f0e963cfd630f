import { itemsByPlan } from '../analysis/progress.js';
import type { WorkItem } from '../model/execution.js';
import type { Portfolio } from '../model/portfolio.js';
import type { SpecRepo } from '../model/repository.js';
import { parseWhatsNext } from '../parse/whats-next.js';
import { rankPlans } from '../rank/score.js';
import { computeDelta } from './delta.js';
import { gatherFacts, planLintErrors } from './facts.js';
import { buildPortfolio, singleFilePlans } from './portfolio.js';
import { featuresDigest, itemsDigest, planPrints } from './state.js';

interface PortfolioInput {
  repo: SpecRepo;
  items: readonly WorkItem[];
  /** The current WHATS-NEXT.md, so the ranking has the report's baseline (what was newly unblocked). */
  previousText: string | null;
  top: number;
  scope?: string | null;
}

/**
 * The portfolio as the next What's Next run would draw it: the same facts, the same baseline from
 * the committed report and the same ranking, limited to one roadmap when `scope` is given.
 */
export function portfolioOf(o: PortfolioInput): Portfolio {
  const prev = parseWhatsNext(o.previousText);
  const facts = gatherFacts(o.repo, o.items, planLintErrors(o.repo, o.items));
  const grouped = itemsByPlan(o.items);
  const cur = { plans: planPrints(o.repo, facts, (p) => grouped.get(p) ?? []), features: featuresDigest(o.repo), items: itemsDigest(o.items) };
  const delta = computeDelta(prev.kind === 'ok' ? prev.state : null, cur, facts);
  const ranking = rankPlans(facts, { newlyUnblocked: delta.newlyUnblocked });
  return buildPortfolio(facts, ranking, { top: o.top, scope: o.scope ?? null, singleFile: singleFilePlans(o.repo) });
}
