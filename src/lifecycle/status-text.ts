import type { PlanStatusView } from './status.js';

function line(v: PlanStatusView): string {
  const parts = [v.status || '(no status)'];
  if (v.roadmap) parts[0] = `${v.status} (roadmap${v.derived ? `, derived: ${v.reason}` : ''})`;
  parts.push(v.progress.text);
  if (v.childPlans) parts.push(`${v.childPlans.completed}/${v.childPlans.total} child plans completed`);
  if (v.completed) parts.push(`completed${v.completedOn ? ` ${v.completedOn}` : ''}`);
  else if (v.inProgress) parts.push('in progress');
  if (v.approved) parts.push(`approved ${v.approved}`);
  const blockers: string[] = [];
  if (v.blockers.items.length) blockers.push(`blocked items: ${v.blockers.items.join(', ')}`);
  if (v.blockers.plans.length) blockers.push(`waiting on ${v.blockers.plans.join(', ')}`);
  return `${v.plan}: ${parts.join(', ')}${blockers.length ? `; ${blockers.join('; ')}` : ''}`;
}

/**
 * Text for `specplan status`: one line per plan, children indented under their roadmap; with
 * `detail`, each step's state, finish date and work items too.
 */
export function statusText(views: readonly PlanStatusView[], opts: { detail?: boolean } = {}): string {
  if (!views.length) return 'no plans found under spec/plans/\n';
  const byPath = new Map(views.map((v) => [v.plan, v]));
  const out: string[] = [];
  const emit = (v: PlanStatusView, indent: string) => {
    out.push(`${indent}${line(v)}`);
    if (opts.detail && !v.roadmap) {
      for (const s of v.steps) out.push(`${indent}  step ${s.number}: ${s.state}${s.state === 'done' && s.updated ? ` ${s.updated}` : ''}${s.items.length ? ` [${[...s.items].sort().join(', ')}]` : ''}`);
    }
  };
  for (const v of views) {
    if (v.parent && byPath.has(v.parent)) continue;
    emit(v, '');
    for (const c of v.children) {
      const child = byPath.get(c);
      if (child) emit(child, '  ');
    }
  }
  return `${out.join('\n')}\n`;
}
