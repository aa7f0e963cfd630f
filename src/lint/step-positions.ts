import type { Position } from '../model/common.js';
import type { PlanEntry } from '../model/repository.js';

/** Positions keys of every step and sub-step by number (first occurrence wins). */
export function stepKeys(entry: PlanEntry): Map<string, string> {
  const out = new Map<string, string>();
  (entry.parsed.plan.steps ?? []).forEach((s, i) => {
    if (!out.has(s.number)) out.set(s.number, `steps.${i}`);
    s.subSteps.forEach((sub, j) => {
      if (!out.has(sub.number)) out.set(sub.number, `steps.${i}.subSteps.${j}`);
    });
  });
  return out;
}

/** Where step `number`'s field (e.g. `dependsOn`) is written, else its heading, else the title. */
export function stepPos(entry: PlanEntry, keys: Map<string, string>, number: string, field?: string): Position {
  const key = keys.get(number);
  const p = entry.parsed.positions;
  return (
    (key && field ? p.get(`${key}.${field}`) : undefined) ??
    (key ? p.get(key) : undefined) ??
    p.get('section.steps') ??
    p.get('title') ?? { line: 1, column: 1 }
  );
}
