import type { Effort, Impact } from '../model/plan.js';
import type { InferredEstimate } from '../model/plan-state.js';

/** A feature a plan touches, with the status its README declares. */
interface FeatureFact {
  /** Feature path below spec/features/, e.g. `chat/workflow`. */
  path: string;
  /** Status as written in the feature README (e.g. `Stable`), null when absent or unknown. */
  status: string | null;
}

/** Execution progress of one plan, as the ranking needs it. */
interface ProgressFact {
  /** Level-1 steps done (for a roadmap: summed over its children). */
  done: number;
  /** Level-1 steps (for a roadmap: summed over its children). */
  total: number;
  completed: boolean;
  completedOn: string | null;
  inProgress: boolean;
  /** Work items with status `blocked`, sorted. */
  blockedItems: string[];
}

/** Everything the ranking knows about one plan. Built by `src/whats-next/facts.ts`. */
export interface PlanFacts {
  /** Plan path below spec/plans/. */
  path: string;
  title: string;
  /** Status field, lower-cased; null when absent. */
  status: string | null;
  roadmap: boolean;
  parent: string | null;
  /** Existing child plans, sorted. */
  children: string[];
  /** Valid written values (header, else the roadmap's Child Plans row), else null. */
  effort: Effort | null;
  impact: Impact | null;
  features: FeatureFact[];
  /** Level-1 steps. */
  steps: number;
  progress: ProgressFact;
  /** Plans this plan waits for (roadmap order), sorted. */
  predecessors: readonly string[];
  /** Predecessors that are not completed (superseded ones excluded), sorted. */
  blockedBy: readonly string[];
  /** Predecessors that are superseded: they never complete, so they no longer block. */
  supersededPredecessors: readonly string[];
  /** Plans transitively waiting for this one. */
  downstream: number;
  /** Lint errors in the plan's own document: a plan with any is not recommended but needs rework. */
  lintErrors: number;
  /**
   * The rule-based estimate (the one `specplan suggest` shows) when the plan lacks a valid
   * Effort or Impact; null when both are written or the plan cannot be recommended.
   */
  estimate: InferredEstimate | null;
}

/** What changed since the previous report, as far as the ranking is concerned. */
export interface RankBaseline {
  /** Plan → the predecessors whose completion unblocked it since the last report. */
  newlyUnblocked: ReadonlyMap<string, readonly string[]>;
}

/** What an eligible plan needs next. */
export type PlanNeed = 'review' | 'approval' | 'start' | 'decomposition';

/** One scored candidate. */
export interface Recommendation {
  plan: string;
  /** 1-based position in the ranking. */
  rank: number;
  need: PlanNeed;
  effort: Effort;
  impact: Impact;
  /** Which of effort/impact were inferred because the header has none. */
  inferred: Array<'effort' | 'impact'>;
  score: number;
  /** Human-readable reasons, strongest signal first. */
  reasons: string[];
  /** The signal values behind the score (for explanations and tests). */
  signals: SignalBreakdown;
  /** Plans whose completion unblocked this one since the last report, sorted. */
  unblockedBy: string[];
}

interface SignalBreakdown {
  roi: number;
  unlocks: number;
  momentum: number;
  featureStatus: number;
}

/** Why a plan is not recommended. */
export type Ineligibility = 'completed' | 'superseded' | 'closed' | 'blocked' | 'in_progress' | 'roadmap' | 'invalid_status' | 'needs_rework';
