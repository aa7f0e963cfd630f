import { EFFORTS } from '../../model/plan.js';
import { checkEnumField } from '../enum-field.js';
import { defineRule } from '../rule.js';

/** Effort, when present, is S, M, L or XL. */
export default defineRule({
  formats: ['seed', 'specscore'],
  id: 'plan/effort-value',
  scope: 'document',
  description: 'Effort, when present, is S | M | L | XL.',
  defaultSeverity: 'error',
  fix: 'Use one of `S`, `M`, `L`, `XL`, or remove the field (the `suggest` command proposes a value with its evidence).',
  check: (ctx) => checkEnumField(ctx, 'effort', 'Effort', EFFORTS),
});
