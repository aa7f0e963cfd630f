import type { DeviationReport, ReportItem } from '../analysis/deviation.js';
import { inlineText, markdownText, planText } from '../markdown/escape.js';
import { blocks, bulletList, table } from '../markdown/writer.js';

/** The seed's effort scale, for comparing the estimate with the actual duration. */
const EFFORT_MEANING: Record<string, string> = {
  S: 'a few hours of focused work',
  M: 'a few days',
  L: 'a week or more',
  XL: 'multi-week',
};

const DASH = '—';

/** Data as literal text; `—` for none. */
const text = (v: string | null | undefined): string => (v ? inlineText(v) : DASH);
/** A step title or criterion: the plan's own markdown, kept on one line without HTML or foreign links. */
const md = (v: string): string => markdownText(v, { oneLine: true });

function item(i: ReportItem): string {
  return `${inlineText(i.id)} (${inlineText(i.status)}${i.updated ? `, ${inlineText(i.updated)}` : ''})`;
}

function itemList(items: readonly ReportItem[]): string {
  return items.length ? items.map(item).join(', ') : DASH;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function executionLine(r: DeviationReport): string {
  if (r.completed) return `completed${r.completedOn ? ` ${inlineText(r.completedOn)}` : ''}`;
  const started = r.steps.some((s) => s.items.length) || r.wholePlan.length > 0;
  return started ? `in progress, ${r.progress.done}/${r.progress.total} steps done` : 'not started';
}

function stepsSection(r: DeviationReport): string {
  const rows = r.steps.map((s) => [
    s.parent ? `&ensp;${inlineText(s.number)}` : inlineText(s.number),
    md(s.title),
    itemList(s.items),
    inlineText(s.outcome),
    text(s.finished),
  ]);
  const added = r.added.length
    ? bulletList(
        r.added.map(
          (i) =>
            `${inlineText(i.id)}: step ${text(i.step)}, which the plan does not have (${inlineText(i.status)}${i.updated ? `, ${inlineText(i.updated)}` : ''})`,
        ),
      )
    : 'None.';
  const removed = r.removed.length ? bulletList(r.removed.map((s) => `Step ${inlineText(s.number)}. ${md(s.title)}: ${inlineText(s.reason)}`)) : 'None.';
  const split = r.split.length
    ? bulletList(
        r.split.map((s) => `Step ${inlineText(s.number)}. ${md(s.title)}: ${plural(s.items.length, 'work item')} (${s.items.map(inlineText).join(', ')})`),
      )
    : 'None.';
  const whole = r.wholePlan.length ? `Work items covering the whole plan: ${itemList(r.wholePlan)}.` : null;
  return blocks([
    '## Planned Steps vs Work Items',
    r.steps.length ? table(['Step', 'Title', 'Work items', 'Outcome', 'Finished'], rows) : 'The plan has no steps.',
    whole,
    '### Added',
    added,
    '### Removed',
    removed,
    '### Split',
    split,
  ]).trimEnd();
}

function orderSection(r: DeviationReport): string {
  const planned = r.plannedLayers.length ? r.plannedLayers.map((l) => l.map(inlineText).join(', ')).join(' → ') : DASH;
  const actual = r.actualOrder.length ? r.actualOrder.map((s) => `${inlineText(s.number)} (${inlineText(s.finished)})`).join(' → ') : 'no step finished yet';
  const deviations = r.orderDeviations.length
    ? table(
        ['Step', 'Depends on', 'Finished', 'Dependency finished'],
        r.orderDeviations.map((d) => [
          inlineText(d.step),
          inlineText(d.dependsOn),
          text(d.finished),
          d.dependencyFinished ? inlineText(d.dependencyFinished) : 'not finished',
        ]),
      )
    : 'Every finished step finished after the steps it depends on.';
  return blocks(['## Dependency Order', `**Planned (parallel layers):** ${planned}\n**Actual (by finish date):** ${actual}`, deviations]).trimEnd();
}

function criteriaSection(r: DeviationReport): string {
  if (!r.criteria.length) return '## Acceptance Criteria\n\nThe plan states no acceptance criteria.';
  return blocks([
    '## Acceptance Criteria',
    table(
      ['Criterion', 'Level', 'Outcome'],
      r.criteria.map((c) => [md(c.text), inlineText(c.level), inlineText(c.outcome)]),
    ),
  ]).trimEnd();
}

function durationsSection(r: DeviationReport): string {
  const d = r.durations;
  const lines = [
    `**Start:** ${d.start ? `${inlineText(d.start)} (${d.startKind})` : 'unknown (no Approved or Created date)'}`,
    `**Finish:** ${r.completed ? `${r.completedOn ? inlineText(r.completedOn) : 'unknown'}${d.totalDays !== null ? ` (${plural(d.totalDays, 'day')})` : ''}` : 'not completed'}`,
    `**Effort estimate:** ${r.effort ? `${inlineText(r.effort)}${EFFORT_MEANING[r.effort] ? ` (${EFFORT_MEANING[r.effort]})` : ''}` : 'none given'}`,
  ].join('\n');
  const rows = d.steps.map((s) => [inlineText(s.number), inlineText(s.finished), s.days === null ? DASH : String(s.days)]);
  return blocks(['## Durations', lines, rows.length ? table(['Step', 'Finished', 'Days from start'], rows) : null]).trimEnd();
}

/**
 * Render the deviation report (`spec/plans/PLAN/reports/README.md`): planned steps vs work items
 * (added, removed, split), planned dependency order vs finish order, acceptance criteria vs
 * outcomes, durations. Ids, dates and paths are escaped as literal text; step titles and
 * criteria keep their markdown without raw HTML or foreign links. Pure and deterministic.
 */
export function renderDeviationReport(r: DeviationReport): string {
  const summary = bulletList([
    `Planned: ${plural(r.steps.filter((s) => !s.parent).length, 'step')}, ${plural(r.steps.filter((s) => s.parent).length, 'sub-step')}`,
    `Work items: ${r.steps.reduce((n, s) => n + s.items.length, 0) + r.added.length + r.wholePlan.length}`,
    `Added: ${r.added.length} · Removed: ${r.removed.length} · Split: ${r.split.length} · Out of order: ${r.orderDeviations.length}`,
  ]);
  return blocks([
    `# Deviation Report: ${r.title ? md(r.title) : planText(r.plan)}`,
    [
      `**Plan:** [${planText(r.plan)}](../)`,
      `**Plan status:** ${r.status ? inlineText(r.status) : 'unknown'}`,
      `**Execution:** ${executionLine(r)}`,
      `**Generated:** ${inlineText(r.generated)}`,
    ].join('\n'),
    '## Summary',
    summary,
    stepsSection(r),
    orderSection(r),
    criteriaSection(r),
    durationsSection(r),
  ]);
}
