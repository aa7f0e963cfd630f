import { isRoadmap } from '../../model/plan.js';
import { defineRule } from '../rule.js';

/**
 * Plan hierarchy is roadmap → child plan: a child plan is not itself a roadmap. Owns the loader's
 * findings for plan folders nested three levels deep.
 */
export default defineRule({
  id: 'plan/child-depth',
  description: 'Plans nest one level (roadmap → child plan): no plan folders three levels deep, and no child plan with its own Child Plans.',
  defaultSeverity: 'error',
  fix: "Move the plan up so that it is a roadmap's direct child (`spec/plans/ROADMAP/CHILD/`), or turn the nested roadmap into a standalone roadmap of its own.",
  adopts: ['plan/child-depth'],
  check({ repo, facts, report }) {
    for (const f of repo.findings) {
      if (f.rule !== 'plan/child-depth') continue;
      const folder = f.file.replace(/^spec\/plans\//, '').replace(/\/README\.md$/, '');
      report(
        f.file,
        f,
        `plan folder ${folder} nests three levels deep, so it is not read as a plan; expected plans to nest one level only (roadmap → child plan) — move it up or make it steps of its parent`,
      );
    }
    for (const entry of repo.plans.values()) {
      if (entry.parent === null || !isRoadmap(entry.parsed.plan)) continue;
      report(
        entry.file,
        facts.planPos(entry, 'section.child plans'),
        `child plan of ${entry.parent} has a "## Child Plans" section; expected child plans to nest one level only (roadmap → child plan) — list further work as steps`,
      );
    }
  },
});
