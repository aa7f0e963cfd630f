import { z } from 'zod';
import { EffortSchema, ImpactSchema } from './plan-schema.js';

/*
 * The derived state of a plan: what the index, `specplan status`, lint, What's Next and the MCP
 * server all read. Computed once per repository and execution items by `src/analysis/plan-state.ts`.
 */

export const StepStateSchema = z.enum(['done', 'in_progress', 'blocked', 'todo']).describe('Execution state of a step');
/** Execution state of a step. */
export type StepState = z.infer<typeof StepStateSchema>;

const StepProgressSchema = z
  .object({
    number: z.string().describe('Level-1 step number'),
    title: z.string().describe('Step title after "### N. "'),
    state: StepStateSchema,
    updated: z.string().nullable().describe("Latest `updated` date of the step's items"),
    items: z.array(z.string()).describe('Ids of the work items that cover the step'),
  })
  .describe('One level-1 step and what execution did with it');
/** One level-1 step and what execution did with it. */
export type StepProgress = z.infer<typeof StepProgressSchema>;

const PlanStateSchema = z
  .object({
    plan: z.string().describe('Plan path below spec/plans/'),
    title: z.string().describe('Title after "# Plan: "'),
    file: z.string().describe('Root-relative README path'),
    status: z.string().nullable().describe('Status as shown: derived for roadmaps, the Status field otherwise; null when neither exists'),
    declaredStatus: z.string().nullable().describe('The Status field as written'),
    derived: z.boolean().describe('True when the shown status was derived from the child plans'),
    reason: z.string().describe('Why the plan shows that status, in a few words'),
    roadmap: z.boolean().describe('A plan with child plan folders or a Child Plans section'),
    parent: z.string().nullable().describe('The roadmap of a child plan'),
    children: z.array(z.string()).describe('Existing child plans, sorted'),
    childPlans: z
      .object({ completed: z.number(), total: z.number() })
      .nullable()
      .describe('Roadmaps with child plans: how many active (not superseded) children there are and how many are completed'),
    progress: z
      .object({ done: z.number(), total: z.number() })
      .describe('Level-1 steps done and planned; a roadmap sums its active children and never counts its own steps'),
    tracked: z.boolean().describe('Some work item names the plan (a roadmap: one of its active children)'),
    completed: z.boolean().describe('Every level-1 step done (a roadmap: every active child completed)'),
    completedOn: z.string().nullable().describe('Latest `updated` date of the work that completed it'),
    inProgress: z.boolean().describe('Not completed, and some work started'),
    approved: z.string().nullable().describe('The Approved field as written'),
    blockers: z
      .object({
        items: z.array(z.string()).describe("Work items with status blocked (a roadmap: its own and its active children's), sorted"),
        plans: z.array(z.string()).readonly().describe('Predecessor plans not completed yet, sorted'),
      })
      .describe('What holds the plan back'),
    predecessors: z.array(z.string()).readonly().describe("Plans this plan waits for (its roadmap's order), sorted"),
    supersededPredecessors: z.array(z.string()).readonly().describe('Predecessors that are superseded: they never complete, so they no longer block'),
    downstream: z.number().describe('Plans waiting for this one, directly or through others'),
    effort: z.string().nullable().describe("Effort as written: the header's, else the roadmap's Child Plans row"),
    impact: z.string().nullable().describe("Impact as written: the header's, else the roadmap's Child Plans row"),
    features: z.array(z.string()).describe('Feature paths the plan lists (link targets below spec/features/, else the link text), in order'),
    steps: z.array(StepProgressSchema).describe("Each level-1 step of the plan's own document"),
  })
  .describe('The derived state of one plan');
/** The derived state of one plan. */
export type PlanState = z.infer<typeof PlanStateSchema>;

const InferredEstimateSchema = z
  .object({
    effort: EffortSchema,
    impact: ImpactSchema,
    effortEvidence: z.string().describe('The main reason for the effort'),
    impactEvidence: z.string().describe('The reasons for the impact'),
  })
  .describe('Effort and impact inferred by the rule-based estimate, with the evidence behind each');
/** Effort and impact inferred by the rule-based estimate, with the evidence behind each. */
export type InferredEstimate = z.infer<typeof InferredEstimateSchema>;

/** The derived state of every plan of a repository. */
export interface PlanStates {
  /** Every plan's state, in plan-path order. */
  plans: ReadonlyMap<string, PlanState>;
  /** Whether execution items were given; without them no plan is in progress or completed. */
  execution: boolean;
  /** The rule-based estimate of a plan (computed on first request, then kept); null for an unknown plan. */
  estimate(plan: string): InferredEstimate | null;
}

/** What `specplan status` shows for one plan (its JSON output). */
export interface PlanStatusView {
  plan: string;
  title: string;
  file: string;
  /** Status as shown: derived for roadmaps, the Status field otherwise; empty when there is none. */
  status: string;
  /** The Status field as written. */
  declaredStatus: string | null;
  derived: boolean;
  reason: string;
  roadmap: boolean;
  parent: string | null;
  children: string[];
  /** Roadmaps: active (not superseded) child plans and how many are completed. */
  childPlans: { completed: number; total: number } | null;
  progress: { done: number; total: number; text: string };
  completed: boolean;
  completedOn: string | null;
  inProgress: boolean;
  approved: string | null;
  blockers: {
    /** Work items with status `blocked`. */
    items: string[];
    /** Predecessor plans not completed yet. */
    plans: readonly string[];
  };
  steps: StepProgress[];
}
