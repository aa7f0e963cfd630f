import { isRoadmapPlan } from '../analysis/plan-state.js';
import { UsageError } from '../model/errors.js';
import type { WorkItem } from '../model/execution.js';
import type { Portfolio } from '../model/portfolio.js';
import type { SpecRepo } from '../model/repository.js';
import { DEFAULT_TOP } from '../model/whats-next-state.js';
import { portfolioOf } from '../whats-next/portfolio-of.js';
import { findPlan } from './lookup.js';
import { openState, type WorkspaceOptions } from './workspace.js';

interface PortfolioOptions {
  /** Limit the picture to this roadmap's plans. */
  roadmap?: string | undefined;
  /** Recommendations drawn as recommended (default as many as the report lists). */
  top?: number | undefined;
}

/**
 * The open plans, what blocks what and each roadmap's progress, ranked as What's Next ranks them
 * (with the committed report's baseline); limited to one roadmap when asked. The MCP server's
 * `plan_graph` without a plan and `specscore://portfolio` read it from the session's repository.
 */
export function portfolioFor(repo: SpecRepo, items: readonly WorkItem[], o: PortfolioOptions = {}): Portfolio {
  let scope: string | null = null;
  if (o.roadmap !== undefined) {
    const entry = findPlan(repo, o.roadmap);
    if (!isRoadmapPlan(entry))
      throw new UsageError(`plan ${entry.path} is not a roadmap: it has no child plans`, 'give a roadmap, or leave it out for every open plan');
    scope = entry.path;
  }
  return portfolioOf({ repo, items, previousText: repo.whatsNext?.text ?? null, top: o.top ?? DEFAULT_TOP, scope });
}

/** `specplan graph` without a plan: the portfolio of the repository at the root. */
export async function portfolioGraph(opts: WorkspaceOptions & PortfolioOptions): Promise<Portfolio> {
  const { repo, items } = await openState(opts);
  return portfolioFor(repo, items, opts);
}
