import { SOURCE_TYPES } from '../../model/plan.js';
import { checkEnumField } from '../enum-field.js';
import { defineRule } from '../rule.js';

/** Source type is feature or change-request. */
export default defineRule({
  id: 'plan/source-type-value',
  scope: 'document',
  description: 'Source type is feature | change-request.',
  defaultSeverity: 'error',
  fix: 'Use `feature` (the plan implements a feature spec) or `change-request` (it implements an approved proposal).',
  check: (ctx) => checkEnumField(ctx, 'sourceType', 'Source type', SOURCE_TYPES),
});
