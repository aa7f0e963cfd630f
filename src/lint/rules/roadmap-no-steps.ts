import { isRoadmapPlan } from '../../analysis/plan-state.js';
import { defineRule } from '../rule.js';

/** A roadmap has a Child Plans table instead of Steps (its own steps would not count toward its progress). */
export default defineRule({
  id: 'roadmap/no-steps',
  scope: 'document',
  description: 'A roadmap (a plan with child plans or a Child Plans section) has no ## Steps section: its work lives in the child plans.',
  defaultSeverity: 'error',
  fix: "Move the roadmap's steps into its child plans and remove its `## Steps` section.",
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const plan = entry.parsed.plan;
      if (plan.steps === null || !isRoadmapPlan(entry)) continue;
      const why = entry.children.length ? `it has child plans (${entry.children.join(', ')})` : 'it has a Child Plans section';
      report(
        entry.file,
        facts.planPos(entry, 'section.steps'),
        `roadmap has a "## Steps" section but ${why}; expected its Steps replaced by the Child Plans table, with steps in the child plans (a roadmap's own steps do not count toward its progress)`,
      );
    }
  },
});
