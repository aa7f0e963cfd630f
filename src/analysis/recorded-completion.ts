import type { StepState } from '../model/plan-state.js';
import type { SpecscorePlanFacts } from '../model/plan-format.js';
import type { PlanProgress } from './progress.js';

/** A task status of the current format as a step state (`complete` → done, …). */
function taskState(status: string | null): StepState {
  switch (status) {
    case 'complete':
    case 'done':
      return 'done';
    case 'in_progress':
      return 'in_progress';
    case 'blocked':
      return 'blocked';
    default:
      return 'todo';
  }
}

/**
 * Progress of a current-format plan with the completion it records itself added to what the
 * ledger and trailers say: a task with `**Status:** complete` is done, one `in_progress` or
 * `blocked` is so unless execution knows more; the plan is completed when every task is done,
 * when its status is `Implemented`, or when a Snapshots row records `completed`; `Executing`
 * means in progress. Pure.
 */
export function withRecordedCompletion(p: PlanProgress, facts: SpecscorePlanFacts, status: string | null): PlanProgress {
  const byNumber = new Map(facts.tasks.map((t) => [t.number, taskState(t.status)]));
  let done = 0;
  const steps = p.steps.map((s) => {
    const own = byNumber.get(s.number) ?? 'todo';
    const state: StepState = s.state === 'done' || own === 'done' ? 'done' : s.state !== 'todo' ? s.state : own;
    if (state === 'done') done++;
    return state === s.state ? s : { ...s, state };
  });
  const total = steps.length;
  const recorded = status === 'implemented' || (facts.snapshots ?? []).some((r) => r.action === 'completed');
  const completed = p.completed || recorded || (total > 0 && done === total);
  const completedOn = completed ? (p.completedOn ?? lastSnapshot(facts, 'completed')) : null;
  const started = status === 'executing' || steps.some((s) => s.state !== 'todo');
  return { ...p, done, total, steps, completed, completedOn, inProgress: !completed && (p.inProgress || started) };
}

function lastSnapshot(facts: SpecscorePlanFacts, action: string): string | null {
  const dates = (facts.snapshots ?? []).filter((r) => r.action === action && /^\d{4}-\d{2}-\d{2}$/.test(r.date)).map((r) => r.date);
  return dates.sort().at(-1) ?? null;
}
