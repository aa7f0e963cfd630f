import { PLAN_STATUSES } from '../../model/plan.js';
import { checkEnumField } from '../enum-field.js';
import { defineRule } from '../rule.js';

/** Status is one of the four plan statuses. */
export default defineRule({
  id: 'plan/status-value',
  scope: 'document',
  description: 'Status is one of draft | in_review | approved | superseded.',
  defaultSeverity: 'error',
  fix: 'Use one of `draft`, `in_review`, `approved`, `superseded`, spelled exactly so; change it with the `submit`, `revise`, `approve` and `supersede` commands.',
  check: (ctx) => checkEnumField(ctx, 'status', 'Status', PLAN_STATUSES),
});
