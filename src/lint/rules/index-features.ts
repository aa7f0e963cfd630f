import { missingIndexFeatures } from '../../analysis/index-features.js';
import { defineRule } from '../rule.js';

/** Every feature a row of the plans index names exists under spec/features/. */
export default defineRule({
  id: 'index/features',
  description: 'Every feature a row of the plans index names exists under spec/features/.',
  defaultSeverity: 'error',
  reportsInPlans: false,
  check({ repo, report }) {
    for (const m of missingIndexFeatures(repo)) {
      report(
        m.file,
        { line: m.line, column: 1 },
        `index row for ${m.plan} names feature "${m.feature}", which does not exist under spec/features/; expected the path of an existing feature (fix the plan's Features, then regenerate the index)`,
      );
    }
  },
});
