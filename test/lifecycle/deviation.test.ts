import { describe, expect, it } from 'vitest';
import { deviationReport } from '../../src/analysis/deviation.js';
import { scaffoldPlan } from '../../src/lifecycle/scaffold.js';
import type { WorkItem } from '../../src/model/execution.js';
import type { Plan } from '../../src/model/plan.js';
import { renderDeviationReport } from '../../src/render/report.js';

const base = scaffoldPlan({ planPath: 'p', title: 'P', author: '@a', today: '2026-03-01', features: [{ path: 'cli', title: 'CLI' }] });
const step = (
  number: string,
  title: string,
  dependsOn: string[] | null,
  subSteps: Plan['steps'] extends Array<infer S> | null ? (S extends { subSteps: infer U } ? U : never) : never = [],
) => ({
  number,
  title,
  body: '',
  dependsOn,
  produces: [],
  acceptanceCriteria: [`${title} works`],
  extraFields: [],
  subSteps,
});
const plan: Plan = {
  ...base,
  header: { ...base.header, status: 'approved', approver: '@j', approved: '2026-03-10', effort: 'M' },
  steps: [
    step('1', 'One', []),
    step('2', 'Two', ['1'], [{ number: '2.1', title: 'Two-a', body: '', dependsOn: null, produces: [], acceptanceCriteria: [], extraFields: [] }]),
    step('3', 'Three', ['2']),
  ],
};
const item = (id: string, step: string | null, status: WorkItem['status'], updated: string | null): WorkItem => ({
  id,
  plan: 'p',
  step,
  status,
  updated,
  source: 'ledger',
});

describe('deviationReport', () => {
  it("a completed plan: durations from approval, a step done through its parent's item, nothing removed", () => {
    const r = deviationReport(
      'p',
      plan,
      [item('A', '1', 'done', '2026-03-12'), item('B', '2', 'done', '2026-03-15'), item('C', '3', 'done', '2026-03-20')],
      '2026-04-01',
    );
    expect(r.completed).toBe(true);
    expect(r.completedOn).toBe('2026-03-20');
    expect(r.steps.map((s) => [s.number, s.outcome, s.finished])).toEqual([
      ['1', 'done', '2026-03-12'],
      ['2', 'done', '2026-03-15'],
      ['2.1', 'done', '2026-03-15'],
      ['3', 'done', '2026-03-20'],
    ]);
    expect([r.added, r.removed, r.split, r.orderDeviations]).toEqual([[], [], [], []]);
    expect(r.durations).toMatchObject({ start: '2026-03-10', startKind: 'approved', totalDays: 10 });
    const md = renderDeviationReport(r);
    expect(md).toContain('**Finish:** 2026-03-20 (10 days)');
    expect(md).toContain('**Effort estimate:** M (a few days)');
    expect(md).toContain('Every finished step finished after the steps it depends on.');
    expect(
      renderDeviationReport(
        deviationReport(
          'p',
          plan,
          [item('A', '1', 'done', '2026-03-12'), item('B', '2', 'done', '2026-03-15'), item('C', '3', 'done', '2026-03-20')],
          '2026-04-01',
        ),
      ),
    ).toBe(md);
  });

  it('removed steps, split steps, added work, whole-plan items and out-of-order finishing', () => {
    const r = deviationReport(
      'p',
      plan,
      [
        item('A', '1', 'done', '2026-03-14'),
        item('B1', '2.1', 'done', '2026-03-12'),
        item('B2', '2.1', 'done', '2026-03-13'),
        item('X', '2', 'cancelled', '2026-03-11'),
        item('C', '3', 'done', '2026-03-13'),
        item('Z', '9', 'in_progress', null),
        item('W', null, 'todo', null),
        { ...item('other', '1', 'done', '2026-03-01'), plan: 'other' },
      ],
      '2026-04-01',
    );
    expect(r.added.map((i) => i.id)).toEqual(['Z']);
    expect(r.wholePlan.map((i) => i.id)).toEqual(['W']);
    expect(r.split).toEqual([{ number: '2.1', title: 'Two-a', items: ['B1', 'B2'] }]);
    expect(r.orderDeviations).toEqual(
      [
        { step: '2', dependsOn: '1', finished: '2026-03-13', dependencyFinished: '2026-03-14' },
        { step: '2.1', dependsOn: '1', finished: '2026-03-13', dependencyFinished: '2026-03-14' },
        { step: '3', dependsOn: '2', finished: '2026-03-13', dependencyFinished: '2026-03-13' },
      ].filter((d) => d.finished < d.dependencyFinished),
    );
    expect(r.actualOrder.map((s) => s.number)).toEqual(['2', '2.1', '3', '1']); // same day: by step number
    const cancelled = deviationReport('p', plan, [item('A', '1', 'done', '2026-03-12'), item('X', '3', 'cancelled', '2026-03-13')], '2026-04-01');
    expect(cancelled.removed).toEqual([{ number: '3', title: 'Three', reason: 'all its work items were cancelled' }]);
    expect(cancelled.steps.find((s) => s.number === '2')!.outcome).toBe('not started');
  });
});
