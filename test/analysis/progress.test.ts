import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate-repo.mjs';
import type { WorkItem } from '../../src/model/execution.js';
import { planProgress } from '../../src/analysis/progress.js';
import { parsePlan } from '../../src/parse/plan.js';

const plan = parsePlan(`# Plan: P

**Status:** approved

## Steps

### 1. One

### 2. Two

#### 2.1. Two a

#### 2.2. Two b
`).plan;

const item = (step: string | null, status: WorkItem['status'], source: WorkItem['source'] = 'ledger', updated = '2026-03-01'): WorkItem => ({
  id: `${source}-${step}-${status}`,
  plan: 'p',
  step,
  status,
  updated,
  source,
});

describe('planProgress', () => {
  it('counts level-1 steps; a container step is done when all its sub-steps are', () => {
    const p = planProgress(plan, [item('1', 'done'), item('2.1', 'done'), item('2.2', 'in_progress')]);
    expect(p).toMatchObject({ done: 1, total: 2, completed: false, inProgress: true });
    const q = planProgress(plan, [item('1', 'done'), item('2.1', 'done'), item('2.2', 'cancelled'), item('2.2', 'done', 'ledger', '2026-03-09')]);
    expect(q).toMatchObject({ done: 2, total: 2, completed: true, completedOn: '2026-03-09' });
  });

  it('needs at least one done item: cancelled alone does not complete a step', () => {
    expect(planProgress(plan, [item('1', 'cancelled')]).steps[0]!.state).toBe('todo');
  });

  it('lets a Plan-Step trailer complete a step whose ledger item is stale', () => {
    const p = planProgress(plan, [item('1', 'in_progress'), item('1', 'done', 'trailer', '2026-03-05')]);
    expect(p.steps[0]!.state).toBe('done');
  });

  it('reports blocked items and an item without a step covering the whole plan', () => {
    const p = planProgress(plan, [item(null, 'blocked')]);
    expect(p.blockedItems).toEqual(['ledger-null-blocked']);
    expect(p.steps.every((s) => s.state === 'blocked')).toBe(true);
  });
});

describe('planProgress dates', () => {
  it("property: a step's `updated` and the completion date are the latest dates of their items", () => {
    const next = rng(11);
    const dates = [null, '', '2026-03-01', '2026-03-09', '2026-02-28', '2025-12-31', '2026-03-10'];
    const latest = (ds: Array<string | null>) =>
      ds
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? null;
    for (let run = 0; run < 500; run++) {
      const steps = ['1', '2', '2.1', '2.2', null];
      const items = Array.from(
        { length: 1 + Math.floor(next() * 6) },
        (_, k): WorkItem => ({
          id: `i${k}`,
          plan: 'p',
          step: steps[Math.floor(next() * steps.length)]!,
          status: next() < 0.8 ? 'done' : 'in_progress',
          updated: dates[Math.floor(next() * dates.length)] as string,
          source: 'ledger',
        }),
      );
      const p = planProgress(plan, items);
      if (p.completed) expect(p.completedOn).toBe(latest(items.map((i) => i.updated)));
      for (const s of p.steps) {
        const mine = items.filter((i) => i.step === null || i.step === s.number || i.step.startsWith(`${s.number}.`));
        expect(s.updated).toBe(latest(mine.map((i) => i.updated)));
      }
    }
  });
});
