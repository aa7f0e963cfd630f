import { defineRule } from '../rule.js';

/**
 * The execution statuses agree with the tasks they are derived from, and a disposition names
 * what it needs: Implemented means every task complete; Executing some task in progress;
 * Failed some task failed or aborted; Superseded a successor.
 */
export default defineRule({
  id: 'specscore/status-rollup',
  scope: 'document',
  description:
    'An execution status agrees with the task statuses (Implemented: all complete; Executing: one in_progress; Failed: one failed or aborted; Blocked: one blocked); a Superseded plan names its successor.',
  defaultSeverity: 'error',
  formats: ['specscore'],
  check({ repo, report }) {
    for (const entry of repo.plans.values()) {
      const s = entry.parsed.specscore;
      const status = entry.parsed.plan.header.status;
      if (!s || status === null) continue;
      const at = { line: s.statusLine ?? 1, column: 1 };
      const st = s.tasks.map((t) => t.status ?? 'planning');
      const open = s.tasks.filter((t) => t.status !== 'complete').map((t) => t.number);
      if (status === 'implemented' && open.length)
        report(
          entry.file,
          at,
          `plan is Implemented but task(s) ${open.join(', ')} are not complete; expected every task "complete" (or a status that says what is open)`,
        );
      else if (status === 'executing' && !st.includes('in_progress'))
        report(entry.file, at, 'plan is Executing but no task is in_progress; expected the status derived from the tasks');
      else if (status === 'failed' && !st.some((x) => x === 'failed' || x === 'aborted'))
        report(entry.file, at, 'plan is Failed but no task failed or was aborted; expected the status derived from the tasks');
      else if (status === 'blocked' && !st.includes('blocked'))
        report(entry.file, at, 'plan is Blocked but no task is blocked; expected the status derived from the tasks');
      else if (status === 'superseded') {
        const successor = entry.parsed.plan.header.extra.find((f) => /^superseded by$/i.test(f.name)) ?? entry.parsed.plan.header.supersededBy;
        if (!successor) report(entry.file, at, 'plan is Superseded but names no successor; expected "**Superseded By:** <plan-slug>"');
      }
    }
  },
});
