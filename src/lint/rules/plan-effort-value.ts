import { EFFORTS } from '../../model/plan.js';
import { checkEnumField } from '../enum-field.js';
import { defineRule } from '../rule.js';

/** Effort, when present, is S, M, L or XL. */
export default defineRule({
  formats: ['seed', 'specscore'],
  id: 'plan/effort-value',
  description: 'Effort, when present, is S | M | L | XL.',
  defaultSeverity: 'error',
  check: (ctx) => checkEnumField(ctx, 'effort', 'Effort', EFFORTS),
});
