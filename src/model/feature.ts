import type { z } from 'zod';
import type { FeaturePlanRowSchema, FeatureSchema } from './feature-schema.js';

/** A row of a feature's `## Plans` back-reference table. */
export type FeaturePlanRow = z.infer<typeof FeaturePlanRowSchema>;
/** A feature spec README. */
export type Feature = z.infer<typeof FeatureSchema>;

/** Feature statuses from least to most mature; used to rank "closer to Stable". */
export const FEATURE_MATURITY = ['conceptual', 'draft', 'proposed', 'approved', 'in progress', 'implemented', 'beta', 'stable'] as const;
