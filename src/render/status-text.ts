import type { RepoFormat } from '../model/plan-format.js';
import { inlineText, planText } from '../markdown/escape.js';
import type { PlanStatusView } from '../model/plan-state.js';
import { someOf } from './whats-next.js';

function line(v: PlanStatusView): string {
  const status = inlineText(v.status);
  const parts = [status || '(no status)'];
  if (v.roadmap) parts[0] = `${status} (roadmap${v.derived ? `, derived: ${v.reason}` : ''})`;
  parts.push(v.progress.text);
  if (v.childPlans) parts.push(`${v.childPlans.completed}/${v.childPlans.total} child plans completed`);
  if (v.completed) parts.push(`completed${v.completedOn ? ` ${inlineText(v.completedOn)}` : ''}`);
  else if (v.inProgress) parts.push('in progress');
  if (v.approved) parts.push(`approved ${inlineText(v.approved)}`);
  const blockers: string[] = [];
  if (v.blockers.items.length) blockers.push(`blocked items: ${someOf(v.blockers.items, inlineText)}`);
  if (v.blockers.plans.length) blockers.push(`waiting on ${someOf(v.blockers.plans, planText)}`);
  return `${planText(v.plan)}: ${parts.join(', ')}${blockers.length ? `; ${blockers.join('; ')}` : ''}`;
}

/**
 * Text for `specplan status`: one line per plan, children indented under their roadmap; with
 * `detail`, each step's state, finish date and work items too. Values from the repository are
 * escaped (one line each, no markup; folder names that are not slugs percent-encoded), and long
 * blocker lists are cut to their first names and a count.
 */
export function statusText(views: readonly PlanStatusView[], opts: { detail?: boolean } = {}): string {
  if (!views.length) return 'no plans found under spec/plans/\n';
  const byPath = new Map(views.map((v) => [v.plan, v]));
  const out: string[] = [];
  const emit = (v: PlanStatusView, indent: string) => {
    out.push(`${indent}${line(v)}`);
    if (opts.detail && !v.roadmap) {
      for (const s of v.steps) {
        const items = s.items.length ? ` [${[...s.items].sort().map(inlineText).join(', ')}]` : '';
        out.push(
          `${indent}  step ${inlineText(s.number)}. ${inlineText(s.title)}: ${s.state}${s.state === 'done' && s.updated ? ` ${inlineText(s.updated)}` : ''}${items}`,
        );
      }
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

/** One line naming the repository's plan format and where that was decided. */
export function formatLine(f: RepoFormat): string {
  const name = f.format === 'specscore' ? 'current SpecScore format (https://specscore.md/plan-specification)' : 'seed format (first published)';
  const why = { config: 'set by planning.format', index: 'declared by the plans index', plans: 'most plans use it', default: 'no plans' }[f.source];
  return `plan format: ${name}, ${why}`;
}
