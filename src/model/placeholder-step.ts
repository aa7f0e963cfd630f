import type { SubStep } from './plan.js';

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
