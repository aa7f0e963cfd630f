import type { ReadView } from '../src/app/read-view.js';
import type { ToolContext } from './context.js';
import { planFacts, type PlanFactsRow } from './facts.js';

/** The repository and every plan's facts, as the read use-cases take them. */
export async function readView(ctx: ToolContext): Promise<ReadView<PlanFactsRow>> {
  const repo = ctx.repo();
  return { repo, plans: await planFacts(ctx) };
}
