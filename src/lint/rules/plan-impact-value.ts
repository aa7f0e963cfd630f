import { IMPACTS } from '../../model/plan.js';
import { checkEnumField } from '../enum-field.js';
import { defineRule } from '../rule.js';

/** Impact, when present, is low, medium, high or critical. */
export default defineRule({
  formats: ['seed', 'specscore'],
  id: 'plan/impact-value',
  description: 'Impact, when present, is low | medium | high | critical.',
  defaultSeverity: 'error',
  check: (ctx) => checkEnumField(ctx, 'impact', 'Impact', IMPACTS),
});
