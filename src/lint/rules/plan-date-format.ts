import { isIsoDate } from '../../model/common.js';
import { defineRule } from '../rule.js';

/** Created and Approved are real calendar dates written YYYY-MM-DD. */
export default defineRule({
  id: 'plan/date-format',
  scope: 'document',
  description: 'Created and Approved are ISO dates (YYYY-MM-DD) that exist.',
  defaultSeverity: 'error',
  fix: 'Write the date as `YYYY-MM-DD` with a real month and day, e.g. `2026-03-15`.',
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      for (const [key, name] of [
        ['created', 'Created'],
        ['approved', 'Approved'],
      ] as const) {
        const value = entry.parsed.plan.header[key];
        if (value === null || value.trim() === '' || isIsoDate(value.trim())) continue;
        report(entry.file, entry.parsed.positions.get(`header.${key}`), `${name} is "${value}"; expected an ISO date YYYY-MM-DD that exists, e.g. 2026-03-14`);
      }
    }
  },
});
