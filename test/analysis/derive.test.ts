import { describe, expect, it } from 'vitest';
import { deriveRoadmapStatus, type ChildState } from '../../src/analysis/derive.js';

const c = (status: string | null, extra: Partial<ChildState> = {}): ChildState => ({ status, inProgress: false, completed: false, ...extra });

describe('roadmap status derivation (the seed table)', () => {
  const cases: Array<[string, string | null, ChildState[], string, boolean]> = [
    ['at least one child draft → draft', 'approved', [c('draft'), c('approved')], 'draft', true],
    ['all children in_review or approved → in_review', 'draft', [c('in_review'), c('approved')], 'in_review', true],
    ['all children approved → approved', 'draft', [c('approved'), c('approved')], 'approved', true],
    ['a child with work in progress → in_progress', 'draft', [c('approved', { inProgress: true }), c('draft')], 'in_progress', true],
    ['some but not all children completed → in_progress', 'draft', [c('approved', { completed: true }), c('approved')], 'in_progress', true],
    ['all children completed → approved', 'draft', [c('approved', { completed: true }), c('approved', { completed: true })], 'approved', true],
    ['superseded only when set explicitly', 'superseded', [c('approved', { inProgress: true })], 'superseded', false],
    ['superseded children are ignored', 'draft', [c('superseded'), c('approved')], 'approved', true],
    ['a child without a lifecycle status counts as draft', 'draft', [c(null), c('approved')], 'draft', true],
    ["no active children: the roadmap's own Status", 'in_review', [c('superseded')], 'in_review', false],
    ["no children at all: the roadmap's own Status", 'approved', [], 'approved', false],
  ];
  for (const [name, own, children, status, derived] of cases) {
    it(name, () => {
      const d = deriveRoadmapStatus(own, children);
      expect([d.status, d.derived]).toEqual([status, derived]);
      expect(d.reason).not.toBe('');
    });
  }
});

describe('the reason shown with a derived status is true of the children', () => {
  const cases: Array<[string, ChildState[], string, string]> = [
    [
      'one child completed, one untouched',
      [c('approved', { completed: true }), c('approved')],
      'in_progress',
      '1 of 2 child plans completed, the other not started',
    ],
    [
      'one of three completed, two untouched',
      [c('approved', { completed: true }), c('approved'), c('draft')],
      'in_progress',
      '1 of 3 child plans completed, the others not started',
    ],
    [
      'a child with work in progress',
      [c('approved', { inProgress: true }), c('approved', { completed: true })],
      'in_progress',
      'a child plan has work in progress',
    ],
    ['one child in review, one approved', [c('in_review'), c('approved')], 'in_review', 'all child plans are in review or approved'],
    ['all approved', [c('approved'), c('approved')], 'approved', 'all child plans are approved'],
    ['all completed', [c('approved', { completed: true }), c('approved', { completed: true })], 'approved', 'all child plans are approved'],
    ['a draft child', [c('draft'), c('approved')], 'draft', 'a child plan is draft'],
    ['a child without a lifecycle status (and no draft)', [c(null), c('approved')], 'draft', 'a child plan has no lifecycle status'],
    [
      'superseded children are left out of the count',
      [c('superseded'), c('approved', { completed: true }), c('approved')],
      'in_progress',
      '1 of 2 child plans completed, the other not started',
    ],
  ];
  for (const [name, children, status, reason] of cases) {
    it(name, () => {
      expect(deriveRoadmapStatus('draft', children)).toEqual({ status, derived: true, reason });
    });
  }
});
