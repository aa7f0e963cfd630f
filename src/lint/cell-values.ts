import { EFFORTS, IMPACTS, PLAN_STATUSES } from '../model/plan.js';

const VALID: Record<string, readonly string[]> = { status: [...PLAN_STATUSES, 'in_progress'], effort: EFFORTS, impact: IMPACTS };

/**
 * Whether an expected index/back-reference cell holds a value the format allows. When it does not,
 * the plan's own value is wrong and the plan rules report it; the tables are not blamed twice.
 */
export function isValidValue(field: string, value: string): boolean {
  const allowed = VALID[field];
  return !allowed || value === '—' || allowed.includes(value);
}
