import { z } from 'zod';
import type { StepState } from '../model/plan-state.js';
import { compareStep } from '../analysis/step-graph.js';
import { ProblemError } from '../model/errors.js';
import type { ExportInput, ExportNode } from './export-input.js';

/** Task Master statuses (task-master-ai 0.43: pending, in-progress, done, review, deferred, cancelled, blocked). */
const STATUS: Record<StepState, 'pending' | 'in-progress' | 'blocked' | 'done'> = {
  todo: 'pending',
  in_progress: 'in-progress',
  blocked: 'blocked',
  done: 'done',
};

const TaskmasterSubtaskSchema = z.object({
  id: z.number().int().describe('Sub-step number within its task: step 2.1 → 1 (Task Master shows it as 2.1)'),
  title: z.string(),
  description: z.string(),
  details: z.string(),
  testStrategy: z.string().describe("The step's acceptance criteria"),
  status: z.string(),
  dependencies: z.array(z.union([z.number().int(), z.string()])).describe('Sibling sub-task ids, or "N.M" of another task\'s sub-task'),
});

const TaskmasterTaskSchema = z.object({
  id: z.number().int().describe('The step number'),
  title: z.string(),
  description: z.string(),
  details: z.string(),
  testStrategy: z.string(),
  priority: z.enum(['high', 'medium', 'low']),
  dependencies: z.array(z.union([z.number().int(), z.string()])),
  status: z.string(),
  subtasks: z.array(TaskmasterSubtaskSchema),
});

/** A Task Master `tasks.json` (tagged format, tag `master`) as `task-master list` / `next` read it. */
export const TaskmasterFileSchema = z.object({
  master: z.object({
    tasks: z.array(TaskmasterTaskSchema),
    metadata: z.object({ created: z.string(), updated: z.string(), description: z.string() }),
  }),
});
export type TaskmasterFile = z.infer<typeof TaskmasterFileSchema>;

function firstParagraph(body: string, fallback: string): string {
  const p = body.split(/\n\s*\n/).find((x) => x.trim() && !/^\s*([-*+]|\d+[.)]|```|#)/.test(x));
  return (p ?? fallback).replace(/\s*\n\s*/g, ' ').trim();
}

function details(input: ExportInput, n: ExportNode, extra: string[]): string {
  const parts = [n.step.body.trim()];
  if (n.step.produces.length) parts.push(`Produces:\n${n.step.produces.map((p) => `- ${p}`).join('\n')}`);
  parts.push(...extra);
  parts.push(
    `Plan step: ${input.file}${n.anchor ? `#${n.anchor}` : ''} (work item ${n.id}). Mark it done with a commit trailer "Plan-Step: ${n.id}" or a ledger item in .specscore/work-items.yaml.`,
  );
  return parts.filter(Boolean).join('\n\n');
}

function criteria(n: ExportNode): string {
  return n.step.acceptanceCriteria.map((c) => `- ${c.replace(/\n/g, '\n  ')}`).join('\n');
}

/**
 * The plan as a Task Master `tasks.json` (pure): each level-1 step is a task whose id is the
 * step number, each sub-step a subtask (step 2.1 = Task Master's 2.1), so ids match the plan's
 * work-item ids; dependencies as declared (a sub-step's dependency on another whole step moves to
 * its task, the only place Task Master can express it); acceptance criteria as the test
 * strategy; statuses from the ledger and trailers; critical-path steps get priority high.
 */
export function exportTaskmaster(input: ExportInput): TaskmasterFile {
  const tops = input.nodes.filter((n) => n.parent === null);
  for (const n of tops) {
    if (!/^\d+$/.test(n.number))
      throw new ProblemError(`step "${n.number}" of ${input.planPath} is not a whole number, which Task Master ids must be`, [
        'fix the step numbering (see ',
        { do: 'lint', path: input.file },
        ')',
      ]);
  }
  const toDep = (d: string): number | string => (d.includes('.') ? d : Number(d));
  const tasks = tops.map((t) => {
    const subs = input.nodes.filter((n) => n.parent === t.number);
    const lifted = new Set<string>();
    const subtasks = subs.map((s) => {
      const deps: Array<number | string> = [];
      for (const d of s.declared) {
        if (d.startsWith(`${t.number}.`)) deps.push(Number(d.split('.')[1]));
        else if (d.includes('.')) deps.push(d);
        else lifted.add(d);
      }
      const moved = s.declared.filter((d) => !d.includes('.'));
      return {
        id: Number(s.number.split('.')[1]),
        title: s.step.title,
        description: firstParagraph(s.step.body, s.step.title),
        details: details(
          input,
          s,
          moved.length
            ? [
                `Depends on step${moved.length > 1 ? 's' : ''} ${moved.join(', ')} (set on task ${t.number}: Task Master sub-tasks can only wait for sub-tasks).`,
              ]
            : [],
        ),
        testStrategy: criteria(s),
        status: STATUS[s.status.state],
        dependencies: deps,
      };
    });
    const deps = [...new Set([...t.declared, ...lifted])]
      .filter((d) => d !== t.number && !d.startsWith(`${t.number}.`))
      .sort(compareStep)
      .map(toDep);
    return {
      id: Number(t.number),
      title: t.step.title,
      description: firstParagraph(t.step.body, t.step.title),
      details: details(input, t, []),
      testStrategy: criteria(t),
      priority: t.critical ? ('high' as const) : ('medium' as const),
      dependencies: deps,
      status: STATUS[t.status.state],
      subtasks,
    };
  });
  const stamp = `${input.today}T00:00:00.000Z`;
  return {
    master: {
      tasks,
      metadata: { created: stamp, updated: stamp, description: `Steps of the SpecScore plan ${input.planPath} (${input.file}), exported by specplan` },
    },
  };
}
