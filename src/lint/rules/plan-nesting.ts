import { defineRule } from '../rule.js';
import { stepPos, stepKeys } from '../step-positions.js';

/**
 * Plans nest two levels at most: steps `### N.` and sub-steps `#### N.M` under step N. Owns the
 * parser's findings for deeper headings.
 */
export default defineRule({
  id: 'plan/nesting',
  scope: 'document',
  description: 'Steps (### N.) and sub-steps (#### N.M, under step N) only: no third level, no sub-step under the wrong step.',
  defaultSeverity: 'error',
  fix: 'Use `### N. Title` for steps and `#### N.M. Title` for sub-steps, each sub-step under the step whose number it starts with; split deeper work into its own steps.',
  adopts: ['plan/nesting'],
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      for (const f of entry.parsed.findings) if (f.rule === 'plan/nesting') report(entry.file, f, f.message);
      const steps = entry.parsed.plan.steps ?? [];
      if (steps.length === 0) continue;
      const keys = stepKeys(entry);
      for (const s of steps) {
        if (s.number.includes('.')) {
          report(
            entry.file,
            stepPos(entry, keys, s.number),
            `step ${s.number} is written as a step (###) but numbered as a sub-step; expected "### N. Title", or "#### ${s.number}. Title" below step ${s.number.split('.')[0]}`,
          );
        }
        for (const sub of s.subSteps) {
          const parts = sub.number.split('.');
          if (parts.length > 2) {
            report(
              entry.file,
              stepPos(entry, keys, sub.number),
              `sub-step ${sub.number} is a third nesting level; expected at most two levels (steps and sub-steps such as ${s.number}.1) — deeper detail belongs in work items`,
            );
          } else if (parts.length === 1 || parts[0] !== s.number) {
            report(entry.file, stepPos(entry, keys, sub.number), `sub-step "${sub.number}" is under step ${s.number}; expected a number ${s.number}.N`);
          }
        }
      }
    }
  },
});
