import { resolveHref } from '../../model/paths.js';
import { defineRule } from '../rule.js';

const EXPECTED = 'expected "**Superseded by:** [new-slug](../new-slug/)" as the last header field, linking to the successor plan folder';

/** A superseded plan links to a successor plan that exists; only superseded plans name one. */
export default defineRule({
  id: 'plan/superseded-by',
  description: 'A superseded plan has a "Superseded by" link that resolves to another existing plan; other plans have none.',
  defaultSeverity: 'error',
  fix: 'Supersede with the `supersede` command, which writes the link; by hand, link an existing other plan as `**Superseded by:** [new](../new/)`, and remove the field from plans that are not superseded.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      const h = entry.parsed.plan.header;
      const at = facts.planPos(entry, h.supersededBy ? 'header.supersededBy' : 'header.status');
      if (h.status !== 'superseded') {
        if (h.supersededBy && h.status)
          report(entry.file, at, `plan names a successor but its Status is "${h.status}"; expected Status "superseded", or no "Superseded by" field`);
        continue;
      }
      const link = h.supersededBy;
      if (!link || !link.href) {
        report(entry.file, at, `superseded plan names no successor; ${EXPECTED}`);
        continue;
      }
      const target = facts.planOfLink(entry.file, link.href);
      if (target === entry.path) report(entry.file, at, `"Superseded by" links to the plan itself; ${EXPECTED}`);
      else if (target === null || !repo.plans.has(target)) {
        report(
          entry.file,
          at,
          `"Superseded by" links "${link.href}" (${resolveHref(entry.file, link.href) ?? 'outside the repository'}), which is not a plan; ${EXPECTED}`,
        );
      }
    }
  },
});
