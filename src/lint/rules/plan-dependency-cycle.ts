import { defineRule } from '../rule.js';
import { stepKeys, stepPos } from '../step-positions.js';

/** The step dependencies form no cycle. */
export default defineRule({
  formats: ['seed', 'specscore'],
  id: 'plan/dependency-cycle',
  scope: 'document',
  description: 'Step dependencies form no cycle (a step with sub-steps finishes after them).',
  defaultSeverity: 'error',
  fix: 'Remove one `Depends on` entry of the cycle the message lists, so that the steps can be done in some order.',
  check({ repo, facts, report }) {
    for (const entry of repo.plans.values()) {
      if (!entry.parsed.plan.steps?.length) continue;
      const graph = facts.stepProblems(entry);
      if (!graph || graph.cycles.length === 0) continue;
      const keys = stepKeys(entry);
      const parentOf = new Map(graph.nodes.map((n) => [n.number, n.parent]));
      for (const cycle of graph.cycles) {
        const text = cycle.map((n) => `Step ${n}`).join(' → ');
        const viaContainer = cycle.some((n, i) => i > 0 && (parentOf.get(n) === cycle[i - 1] || parentOf.get(cycle[i - 1]!) === n));
        const hint = viaContainer ? ' (a step with sub-steps waits for them, so a sub-step cannot depend on its own step)' : '';
        report(
          entry.file,
          stepPos(entry, keys, cycle[0]!, 'dependsOn'),
          `dependency cycle ${text}${hint}; expected "Depends on" links that never lead back to the same step`,
        );
      }
    }
  },
});
