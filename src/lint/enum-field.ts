import type { PlanHeader } from '../model/plan.js';
import type { RuleContext } from './rule.js';

/**
 * Report plans whose header field `key` holds a value outside `allowed`. A value that differs only
 * in case (or with `-` for `_`) names the canonical spelling.
 */
export function checkEnumField(ctx: RuleContext, key: 'status' | 'sourceType' | 'effort' | 'impact', name: string, allowed: readonly string[]): void {
  const canonical = new Map(allowed.map((a) => [squash(a), a]));
  for (const entry of ctx.repo.plans.values()) {
    const value = entry.parsed.plan.header[key as keyof PlanHeader];
    if (typeof value !== 'string' || value.trim() === '' || allowed.includes(value)) continue;
    const near = canonical.get(squash(value));
    ctx.report(
      entry.file,
      entry.parsed.positions.get(`header.${key}`),
      `${name} is "${value}"; expected ${near ? `"${near}" (exact spelling)` : `one of ${allowed.join(' | ')}`}`,
    );
  }
}

function squash(v: string): string {
  return v.trim().toLowerCase().replace(/[-\s]/g, '_');
}
