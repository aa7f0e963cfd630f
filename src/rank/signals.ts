import { FEATURE_MATURITY } from '../model/feature.js';
import type { Effort, Impact } from '../model/plan.js';

/**
 * Weights of the seed's prioritization signals, highest priority first. A signal's contribution
 * is its normalized value (0..1) times its weight, so a higher-priority signal always weighs more
 * than any single lower one.
 */
export const WEIGHTS = {
  /** Explicit ROI: impact over effort. */
  roi: 50,
  /** Newly unblocked since the last report. */
  newlyUnblocked: 20,
  /** Downstream work this plan unblocks (2 per waiting plan, at most 10). */
  downstream: 10,
  /** Momentum: its roadmap is already in progress. */
  momentum: 15,
  /** Feature status: features closer to Stable. */
  featureStatus: 10,
} as const;

/** Confidence kept by the ROI signal for each inferred field (the fifth signal in the seed's order). */
export const INFERRED_DISCOUNT = 0.75;

const EFFORT_COST: Record<Effort, number> = { S: 1, M: 2, L: 3, XL: 5 };
const IMPACT_VALUE: Record<Impact, number> = { low: 1, medium: 2, high: 3, critical: 4 };
/** Largest possible impact/effort ratio (critical over S). */
export const MAX_ROI = IMPACT_VALUE.critical / EFFORT_COST.S;

/** Impact over effort. */
export function roiOf(impact: Impact, effort: Effort): number {
  return IMPACT_VALUE[impact] / EFFORT_COST[effort];
}

/** 0 (conceptual or unknown) .. 1 (stable): how close a feature status is to Stable. */
export function featureMaturity(status: string | null): number {
  if (!status) return 0;
  const s = status
    .replace(/[`*_]/g, ' ')
    .replace(/[-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  const i = (FEATURE_MATURITY as readonly string[]).indexOf(s);
  return i < 0 ? 0 : i / (FEATURE_MATURITY.length - 1);
}

/** Round a score to two decimals so equal inputs always print equal scores. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
