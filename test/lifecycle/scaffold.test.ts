import { describe, expect, it } from 'vitest';
import { scaffoldPlan } from '../../src/lifecycle/scaffold.js';
import { parsePlan } from '../../src/parse/plan.js';
import { renderPlan } from '../../src/render/plan.js';
import { resolveHref } from '../../src/model/paths.js';

describe('scaffoldPlan', () => {
  it('renders canonically and parses back to the same model', () => {
    for (const planPath of ['batch', 'road/child']) {
      const plan = scaffoldPlan({
        planPath,
        title: 'Batch',
        author: '@a',
        today: '2026-03-14',
        features: [
          { path: 'cli', title: 'CLI' },
          { path: 'chat/workflow', title: 'Workflow' },
        ],
      });
      expect(parsePlan(renderPlan(plan)).plan).toEqual(plan);
      expect(parsePlan(renderPlan(plan)).findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const file = `spec/plans/${planPath}/README.md`;
      expect(plan.header.features.map((f) => resolveHref(file, f.href))).toEqual(['spec/features/cli/README.md', 'spec/features/chat/workflow/README.md']);
    }
  });
  it('links the proposal as the source of a change request', () => {
    const plan = scaffoldPlan({
      planPath: 'road/child',
      title: 'B',
      author: '@a',
      today: '2026-03-14',
      features: [{ path: 'cli', title: 'CLI' }],
      proposal: { id: 'cli/batch-mode', title: 'Batch mode' },
    });
    expect(plan.header.sourceType).toBe('change-request');
    expect(plan.header.source).toBe('[Batch mode](../../../features/cli/proposals/batch-mode/)');
    expect(resolveHref('spec/plans/road/child/README.md', '../../../features/cli/proposals/batch-mode/')).toBe('spec/features/cli/proposals/batch-mode');
  });
});
