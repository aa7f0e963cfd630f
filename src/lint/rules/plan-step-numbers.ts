import { defineRule } from '../rule.js';

/** Step numbers are unique within a plan, so `Depends on` and work items point at one step. */
export default defineRule({
  id: 'plan/step-numbers',
  scope: 'document',
  description: 'Step and sub-step numbers are unique within a plan.',
  defaultSeverity: 'error',
  fix: 'Renumber the steps so that each number appears once, and update the `Depends on` entries that name them.',
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const steps = entry.parsed.plan.steps ?? [];
      if (steps.length === 0) continue;
      const seen = new Set<string>();
      const visit = (number: string, key: string) => {
        if (number === '') return;
        if (seen.has(number))
          report(entry.file, entry.parsed.positions.get(key), `step number ${number} is used twice; expected each step and sub-step to have its own number`);
        seen.add(number);
      };
      steps.forEach((s, i) => {
        visit(s.number, `steps.${i}`);
        s.subSteps.forEach((sub, j) => visit(sub.number, `steps.${i}.subSteps.${j}`));
      });
    }
  },
});
