import { IMPACTS } from '../../model/plan.js';
import { checkEnumField } from '../enum-field.js';
import { defineRule } from '../rule.js';

/** Impact, when present, is low, medium, high or critical. */
export default defineRule({
  formats: ['seed', 'specscore'],
  id: 'plan/impact-value',
  scope: 'document',
  description: 'Impact, when present, is low | medium | high | critical.',
  defaultSeverity: 'error',
  fix: 'Use one of `low`, `medium`, `high`, `critical`, or remove the field (the `suggest` command proposes a value with its evidence).',
  check: (ctx) => checkEnumField(ctx, 'impact', 'Impact', IMPACTS),
});
