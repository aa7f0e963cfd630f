import { resolveHref } from '../../model/paths.js';
import { PLANS_DIR, PLANS_INDEX } from '../../model/repository.js';
import { defineRule } from '../rule.js';

/**
 * In a repository of the current format, the plans index lists every plan (a link to
 * `slug.md` or `slug/README.md`) and lists no plan that does not exist.
 */
export default defineRule({
  id: 'specscore/index-complete',
  description: 'The plans index spec/plans/README.md has a Contents row for every plan, and every row links to a plan that exists.',
  defaultSeverity: 'error',
  reportsInPlans: false,
  formats: ['specscore'],
  check({ repo, report }) {
    if (repo.format?.format !== 'specscore' || repo.plans.size === 0) return;
    const index = repo.index;
    if (!index) {
      report(PLANS_INDEX, { line: 1, column: 1 }, `there is no plans index; expected ${PLANS_INDEX} listing the ${repo.plans.size} plan(s)`);
      return;
    }
    const byTarget = new Map<string, string>();
    for (const e of repo.plans.values()) {
      byTarget.set(e.file, e.path);
      if (e.file.endsWith('/README.md')) byTarget.set(e.file.slice(0, -'/README.md'.length), e.path);
    }
    const listed = new Set<string>();
    for (const row of index.parsed.rows) {
      const target = row.plan.href ? resolveHref(PLANS_INDEX, row.plan.href) : null;
      const plan = target === null ? undefined : byTarget.get(target);
      if (plan !== undefined) listed.add(plan);
      else
        report(
          PLANS_INDEX,
          { line: row.line, column: 1 },
          `index row "${row.plan.text}" links to ${row.plan.href || 'nothing'}, which is not a plan; expected a link to ${PLANS_DIR}/<slug>.md or <slug>/README.md`,
        );
    }
    const at = { line: index.parsed.rows[0]?.line ?? 1, column: 1 };
    for (const e of [...repo.plans.values()].sort((a, b) => (a.path < b.path ? -1 : 1)))
      if (!listed.has(e.path))
        report(
          PLANS_INDEX,
          at,
          `plan ${e.path} (${e.file}) is missing from the Contents table; expected a row linking to ${e.file.slice(PLANS_DIR.length + 1)}`,
        );
  },
});
