import type { Diagnostic } from '../model/common.js';

/**
 * How every refusal of a plan words its problems: the acceptance pipeline (`acceptance.ts`) and
 * the lint gate of new, submit and approve (`gate.ts`). Kept apart from the pipeline so that the
 * gate loads no schema.
 */

/** Most problems listed at once (one repair turn, one refusal). */
const MAX_PROBLEMS = 40;

/** Most problems named inside a one-sentence message. */
const MAX_INLINE = 5;

/** A lint finding as one line: `file:line:col rule message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
}

/** De-duplicated problems, capped. */
export function cap(problems: readonly string[]): string[] {
  return [...new Set(problems)].slice(0, MAX_PROBLEMS);
}

/** Problems named inside one sentence: the first few, joined. */
export function inlineProblems(problems: readonly string[]): string {
  return problems.slice(0, MAX_INLINE).join('; ');
}
