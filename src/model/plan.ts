import type { z } from 'zod';
import type { ChildPlanRowSchema, EffortSchema, ImpactSchema, PlanHeaderSchema, PlanSchema, StepSchema, SubStepSchema } from './plan-schema.js';

export const PLAN_STATUSES = ['draft', 'in_review', 'approved', 'superseded'] as const;
export const SOURCE_TYPES = ['feature', 'change-request'] as const;
export const EFFORTS = ['S', 'M', 'L', 'XL'] as const;
export const IMPACTS = ['low', 'medium', 'high', 'critical'] as const;
/** Columns of a roadmap's Child Plans table (seed layout); a `Depends on` column may follow. */
export const CHILD_PLANS_COLUMNS = ['Order', 'Plan', 'Status', 'Effort', 'Impact'] as const;

export type Effort = z.infer<typeof EffortSchema>;
export type Impact = z.infer<typeof ImpactSchema>;
export type PlanHeader = z.infer<typeof PlanHeaderSchema>;
export type SubStep = z.infer<typeof SubStepSchema>;
export type Step = z.infer<typeof StepSchema>;
export type ChildPlanRow = z.infer<typeof ChildPlanRowSchema>;
export type Plan = z.infer<typeof PlanSchema>;

/** True when the plan is a roadmap: it has a Child Plans section. */
export function isRoadmap(plan: Plan): boolean {
  return plan.childPlans !== null;
}

/** Every step and sub-step in document order. */
export function allSteps(plan: Plan): Array<Step | SubStep> {
  const out: Array<Step | SubStep> = [];
  for (const s of plan.steps ?? []) {
    out.push(s);
    out.push(...s.subSteps);
  }
  return out;
}
