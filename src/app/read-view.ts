import type { PlanState } from '../model/plan-state.js';
import type { SpecRepo } from '../model/repository.js';

/** A plan's derived facts as the read use-cases use them (the MCP server's plan rows satisfy it). */
export interface PlanFacts {
  plan: string;
  title: string;
  /** The Status field as written. */
  status: string | null;
  /** Derived for roadmaps, else as written. */
  derivedStatus: string | null;
  roadmap: boolean;
  parent: string | null;
  features: string[];
  /** `done/total` steps. */
  progress: string;
  view: Pick<PlanState, 'progress' | 'completed' | 'completedOn' | 'inProgress' | 'steps' | 'blockers'>;
}

/** What the read use-cases look at: the repository and every plan's facts by plan path, in path order. */
export interface ReadView<P extends PlanFacts = PlanFacts> {
  repo: SpecRepo;
  plans: ReadonlyMap<string, P>;
}

/** Case-insensitive "contains" over several fields; true when no needle is given. */
export function matchesText(needle: string | undefined, ...haystacks: Array<string | null | undefined>): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  return haystacks.some((h) => !!h && h.toLowerCase().includes(n));
}
