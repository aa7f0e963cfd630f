import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../src/model/execution.js';
import type { PlanFacts } from '../../src/rank/types.js';
import { planFacts as fact } from '../support/plan-facts.js';
import { templateQuestions } from '../../src/whats-next/templates.js';

const started = { done: 0, total: 2, completed: false, completedOn: null, inProgress: true, blockedItems: [] };
const orphan: WorkItem = { id: 'w1', plan: 'gone', step: null, status: 'done', updated: '2026-03-01', source: 'ledger' };

describe('template Outstanding Questions', () => {
  it('asks about statuses, then unapproved work, then superseded predecessors, then unknown plans, in that order', () => {
    const facts = [
      fact('a', { status: 'odd' }),
      fact('b', { status: 'draft', progress: started }),
      fact('c', { supersededPredecessors: ['x'] }),
      fact('d', { status: null }),
    ];
    const q = templateQuestions(facts, [], [orphan]);
    expect(q.map((x) => x.slice(0, x.indexOf(' ')))).toEqual(['a', 'd', 'b', 'c', 'Work']);
  });

  it('keeps the first twelve, whichever kinds they are', () => {
    const odd = Array.from({ length: 10 }, (_, i) => fact(`odd-${String(i).padStart(2, '0')}`, { status: 'odd' }));
    const facts = [
      ...odd,
      fact('b1', { status: 'draft', progress: started }),
      fact('b2', { status: 'in_review', progress: started }),
      fact('c', { supersededPredecessors: ['x'] }),
    ];
    const q = templateQuestions(facts, [], [orphan]);
    expect(q).toHaveLength(12);
    expect(q.slice(10).map((x) => x.slice(0, x.indexOf(' ')))).toEqual(['b1', 'b2']);
    expect(templateQuestions([...odd, ...odd.map((f) => ({ ...f, path: `${f.path}-2` }))], [], [orphan]).every((x) => x.includes('the status "odd"'))).toBe(
      true,
    );
  });
});
