import { PLAN_FORMAT_URL, statusValue } from '../../model/plan-format.js';
import { defineRule } from '../rule.js';

/** Front matter of a current-format plan: `format:` is the plan specification URL and `status:` equals the header's Status. */
export default defineRule({
  id: 'specscore/front-matter',
  scope: 'document',
  description: "A plan's front matter has format: https://specscore.md/plan-specification and a status: equal to its **Status:** line.",
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const s = entry.parsed.specscore;
      const fm = s?.frontMatter;
      if (!s || !fm) continue;
      const format = fm.fields.format;
      if (!format) report(entry.file, { line: 1, column: 1 }, `front matter has no format:; expected "format: ${PLAN_FORMAT_URL}"`);
      else if (format.value !== PLAN_FORMAT_URL)
        report(entry.file, { line: format.line, column: 1 }, `front matter format is "${format.value}"; expected "${PLAN_FORMAT_URL}"`);
      const status = fm.fields.status;
      if (!status || s.writtenStatus === null) continue;
      if (status.value !== s.writtenStatus && statusValue(status.value) !== statusValue(s.writtenStatus))
        report(
          entry.file,
          { line: status.line, column: 1 },
          `front matter status is "${status.value}" but the header says "${s.writtenStatus}"; expected the same value in both`,
        );
    }
  },
});
