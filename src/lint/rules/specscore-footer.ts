import { PLAN_FORMAT_URL } from '../../model/plan-format.js';
import { defineRule } from '../rule.js';

/** A current-format plan ends with the adherence footer naming the plan specification. */
export default defineRule({
  id: 'specscore/footer',
  scope: 'document',
  description: 'A plan ends with the adherence footer "*This document follows the https://specscore.md/plan-specification*", with nothing after it.',
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const s = entry.parsed.specscore;
      if (!s) continue;
      const want = `"*This document follows the ${PLAN_FORMAT_URL}*"`;
      if (!s.footer)
        report(
          entry.file,
          { line: Math.max(1, entry.text.trimEnd().split('\n').length), column: 1 },
          `plan has no adherence footer; expected ${want} as its last line`,
        );
      else if (s.footer.url !== PLAN_FORMAT_URL)
        report(entry.file, { line: s.footer.line, column: 1 }, `adherence footer names ${s.footer.url}; expected ${want}`);
      else if (!s.footer.last)
        report(entry.file, { line: s.footer.line, column: 1 }, 'text follows the adherence footer; expected the footer to be the last line');
    }
  },
});
