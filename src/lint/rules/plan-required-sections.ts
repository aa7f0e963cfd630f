import { isRoadmap } from '../../model/plan.js';
import { defineRule } from '../rule.js';

/** A plan has Context and Acceptance criteria; a plan that is not a roadmap has Steps with at least one step. */
export default defineRule({
  id: 'plan/required-sections',
  scope: 'document',
  description: 'A plan has ## Context and ## Acceptance criteria; a plan that is not a roadmap has ## Steps with at least one "### N. Title" step.',
  defaultSeverity: 'error',
  fix: 'Add the missing `## Context`, `## Acceptance criteria` or `## Steps` section (with at least one `### 1. Title` step); a plan whose work lives in child plans is a roadmap with a `## Child Plans` table instead.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const plan = entry.parsed.plan;
      const roadmap = isRoadmap(plan) || entry.children.length > 0;
      const missing: string[] = [];
      if (plan.context === null) missing.push('Context');
      if (plan.acceptanceCriteria === null) missing.push('Acceptance criteria');
      if (!roadmap && plan.steps === null) missing.push('Steps');
      if (missing.length) {
        const expected = roadmap ? 'Context, Acceptance criteria, Child Plans' : 'Context, Acceptance criteria, Steps';
        report(
          entry.file,
          facts.planPos(entry, 'title'),
          `plan has no ${missing.map((m) => `"## ${m}"`).join(', ')} section; expected the sections ${expected} (seed "Plan document structure")`,
        );
      }
      if (!roadmap && plan.steps !== null && plan.steps.length === 0) {
        report(entry.file, facts.planPos(entry, 'section.steps'), 'section "Steps" has no step; expected "### 1. Title" headings, one per step');
      }
    }
  },
});
