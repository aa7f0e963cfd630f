import type { SubStep } from './plan.js';

/** The Context paragraph a fresh plan starts with, below its generated first sentence. */
export const PLACEHOLDER_CONTEXT = 'TODO: in 2–5 sentences, state the problem and the high-level approach chosen.';

/** The one acceptance criterion a fresh plan starts with. */
export const PLACEHOLDER_CRITERION = 'TODO: a cross-cutting criterion the finished work must meet';

/** The one step a fresh plan starts with; a roadmap may replace it with its Child Plans table. */
export const PLACEHOLDER_STEP: Readonly<SubStep> = Object.freeze({
  number: '1',
  title: 'First step',
  body: 'TODO: what this step delivers and why it comes first.',
  dependsOn: [],
  produces: [],
  acceptanceCriteria: ['TODO: what shows this step is done'],
  extraFields: [],
});
