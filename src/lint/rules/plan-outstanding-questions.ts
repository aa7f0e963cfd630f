import { PLANS_INDEX } from '../../model/repository.js';
import { defineRule } from '../rule.js';

/** Every plan, and the plans index, ends with an Outstanding Questions section. */
export default defineRule({
  id: 'plan/outstanding-questions',
  description: 'Every plan and the plans index have a "## Outstanding Questions" section ("None at this time." when empty).',
  defaultSeverity: 'warning',
  fix: 'Add a `## Outstanding Questions` section at the end, with `None at this time.` when there are none.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      if (entry.parsed.plan.outstandingQuestions !== null) continue;
      report(
        entry.file,
        facts.planPos(entry, 'title'),
        'plan has no "## Outstanding Questions" section; expected one at the end (write "None at this time." when there are none)',
      );
    }
    if (repo.index && !repo.index.parsed.hasOutstandingQuestions) {
      report(
        PLANS_INDEX,
        { line: 1, column: 1 },
        'plans index has no "## Outstanding Questions" section; expected one at the end (write "None at this time." when there are none)',
      );
    }
  },
});
