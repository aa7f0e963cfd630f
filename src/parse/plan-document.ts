import type { ParsedPlan } from '../model/parsed.js';
import { parsePlan } from './plan.js';
import { isSpecscorePlan, parseSpecscorePlan } from './specscore-plan.js';

/**
 * Read one plan document (root-relative `file`) into the plan model with the adapter of its
 * format: the current SpecScore format when the document declares or uses it, the seed format
 * otherwise. The one "text → parsed plan" step of the loader. Never throws.
 */
export function parsePlanDocument(text: string, file: string): ParsedPlan {
  return isSpecscorePlan(text) ? parseSpecscorePlan(text, file) : parsePlan(text);
}
