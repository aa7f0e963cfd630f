import type { ParsedPlan } from '../model/parsed.js';
import type { PlanFormat } from '../model/plan-format.js';
import { parsePlan } from './plan.js';
import { isSpecscorePlan, parseSpecscorePlan } from './specscore-plan.js';

/**
 * Read one plan document (root-relative `file`) into the plan model with the adapter of its
 * format: `format` when the repository decides it for this file, else the current SpecScore
 * format when the document declares or uses it, the seed format otherwise. The one "text →
 * parsed plan" step of the loader. Never throws.
 */
export function parsePlanDocument(text: string, file: string, format?: PlanFormat): ParsedPlan {
  return (format ?? (isSpecscorePlan(text) ? 'specscore' : 'seed')) === 'specscore' ? parseSpecscorePlan(text, file) : parsePlan(text);
}
