import { resolveHref } from '../../model/paths.js';
import { defineRule } from '../rule.js';

/**
 * A roadmap's Child Plans table lists exactly its child plan folders, each once. Owns the parser's
 * finding for a Child Plans section without a table.
 */
export default defineRule({
  id: 'roadmap/child-plans',
  description: 'A plan with child plan folders has a ## Child Plans table whose rows link each child folder exactly once, and nothing else.',
  defaultSeverity: 'error',
  fix: "List each child folder once in the roadmap's `## Child Plans` table (scaffolding a child plan into the roadmap adds its row), and remove rows that link anything else.",
  adopts: ['plan/child-plans-table'],
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      for (const f of entry.parsed.findings) if (f.rule === 'plan/child-plans-table') report(entry.file, f, f.message);
      const rows = entry.parsed.plan.childPlans;
      if (rows === null) {
        if (entry.children.length) {
          report(
            entry.file,
            facts.planPos(entry, 'title'),
            `plan has child plan folders (${entry.children.join(', ')}) but no "## Child Plans" section; expected a roadmap table "| Order | Plan | Status | Effort | Impact |" with one row per child`,
          );
        }
        continue;
      }
      const listed = new Set<string>();
      rows.forEach((row, i) => {
        const at = facts.planPos(entry, `childPlans.${i}`);
        const target = facts.planOfLink(entry.file, row.plan.href);
        if (target !== null && entry.children.includes(target)) {
          if (listed.has(target)) report(entry.file, at, `child plan ${target} is listed twice; expected one row per child plan`);
          listed.add(target);
          return;
        }
        const where = row.plan.href ? `"${row.plan.href}" (${resolveHref(entry.file, row.plan.href) ?? 'not a local path'})` : `no link ("${row.plan.text}")`;
        report(
          entry.file,
          at,
          `Child Plans row has ${where}, which is not a child plan folder of this roadmap; expected a link such as [slug](slug/) to a folder spec/plans/${entry.path}/slug/ holding a README.md`,
        );
      });
      const sectionAt = facts.planPos(entry, 'section.child plans');
      for (const child of entry.children) {
        if (!listed.has(child)) {
          const slug = child.slice(child.lastIndexOf('/') + 1);
          report(entry.file, sectionAt, `child plan folder ${child} is not listed in Child Plans; expected a row linking [${slug}](${slug}/)`);
        }
      }
    }
  },
});
