import { defineRule } from '../rule.js';
import { stepKeys, stepPos } from '../step-positions.js';

/** Every `Depends on` entry names a step or sub-step of the same plan. */
export default defineRule({
  id: 'plan/depends-on',
  scope: 'document',
  description: 'Each "Depends on" entry names an existing step of the same plan ("Step 2", "Step 2.1") or is "(none)".',
  defaultSeverity: 'error',
  fix: 'Name an existing step of the same plan (`Step 2`, `Step 2.1`), or write `(none)`.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      if (!entry.parsed.plan.steps?.length) continue;
      const graph = facts.stepProblems(entry);
      if (!graph || graph.unknown.length === 0) continue;
      const keys = stepKeys(entry);
      const numbers = graph.nodes.map((n) => n.number);
      const listed = numbers.length > 12 ? `${numbers.slice(0, 12).join(', ')}, …` : numbers.join(', ');
      for (const u of graph.unknown) {
        report(
          entry.file,
          stepPos(entry, keys, u.step, 'dependsOn'),
          `step ${u.step} depends on ${/^\d+(\.\d+)*$/.test(u.ref) ? `Step ${u.ref}` : `"${u.ref}"`}, which is not a step of this plan; expected "Step N" naming one of: ${listed}`,
        );
      }
    }
  },
});
