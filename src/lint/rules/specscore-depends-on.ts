import { defineRule } from '../rule.js';

/** Every `**Depends-On:**` of a current-format task names a task of the same plan. */
export default defineRule({
  id: 'specscore/depends-on',
  scope: 'document',
  description: 'Every **Depends-On:** of a task names another task of the same plan (by its number or label), or is "—" / "none".',
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const tasks = entry.parsed.specscore?.tasks ?? [];
      const known = new Set(tasks.map((t) => t.number.toLowerCase()));
      for (const t of tasks) {
        for (const ref of t.dependsOn ?? []) {
          if (known.has(ref.toLowerCase()) && ref.toLowerCase() !== t.number.toLowerCase()) continue;
          const why = ref.toLowerCase() === t.number.toLowerCase() ? 'itself' : `"${ref}", which is not a task of this plan`;
          report(
            entry.file,
            { line: t.dependsOnLine ?? t.line, column: 1 },
            `task ${t.number} depends on ${why}; expected task numbers among: ${[...tasks.map((x) => x.number)].join(', ')}`,
          );
        }
      }
    }
  },
});
