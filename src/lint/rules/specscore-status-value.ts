import { SPECSCORE_PLAN_STATUSES, statusValue, TASK_STATUSES } from '../../model/plan-format.js';
import { defineRule } from '../rule.js';

const TASK: ReadonlySet<string> = new Set(TASK_STATUSES);

/** Plan and task statuses of the current format are from its vocabularies, written as it writes them. */
export default defineRule({
  id: 'specscore/status-value',
  scope: 'document',
  description:
    "A plan's **Status:** is one of the eleven capitalised statuses (Draft … Deprecated); a task's **Status:** is one of planning, queued, in_progress, blocked, complete, failed, aborted.",
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    const all = [...SPECSCORE_PLAN_STATUSES.values()].join(' | ');
    for (const entry of repo.plans.values()) {
      const s = entry.parsed.specscore;
      if (!s) continue;
      const at = { line: s.statusLine ?? s.titleLine ?? 1, column: 1 };
      if (s.writtenStatus === null) report(entry.file, at, `plan has no **Status:** line; expected one of ${all}`);
      else {
        const canonical = SPECSCORE_PLAN_STATUSES.get(statusValue(s.writtenStatus));
        if (!canonical) report(entry.file, at, `Status is "${s.writtenStatus}"; expected one of ${all}`);
        else if (canonical !== s.writtenStatus) report(entry.file, at, `Status is written "${s.writtenStatus}"; expected "${canonical}"`);
      }
      for (const t of s.tasks)
        if (t.status !== null && !TASK.has(t.status))
          report(
            entry.file,
            { line: t.statusLine ?? t.line, column: 1 },
            `task ${t.number} has the status "${t.status}"; expected one of ${TASK_STATUSES.join(' | ')}`,
          );
    }
  },
});
