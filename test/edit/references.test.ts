import { describe, expect, it } from 'vitest';
import { addChildPlanRow, hasOnlyPlaceholderSteps, makeRoadmap, setChildPlanStatus, setProposalPlanLink } from '../../src/edit/references.js';
import { scaffoldPlan } from '../../src/lifecycle/scaffold.js';
import { parsePlan } from '../../src/parse/plan.js';
import { parseProposal } from '../../src/parse/proposal.js';
import { renderPlan } from '../../src/render/plan.js';
import { ProblemError } from '../../src/model/errors.js';

const link = { text: 'migrate', href: '../../../../plans/migrate/' };

describe('setProposalPlanLink', () => {
  it('adds a Plan row after the last metadata row', () => {
    const text = '# Proposal: P\n\n| Field  | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @a |\n\n## Summary\n';
    const out = setProposalPlanLink(text, 'f.md', link);
    expect(out).toBe(
      '# Proposal: P\n\n| Field  | Value |\n|--------|-------|\n| Status | `approved` |\n| Author | @a |\n| Plan | [migrate](../../../../plans/migrate/) |\n\n## Summary\n',
    );
    expect(parseProposal(out).proposal.plan).toEqual(link);
  });
  it('replaces the value of an existing Plan row, keeping bold names', () => {
    const text = '| **Field** | **Value** |\n|---|---|\n| **Status** | approved |\n| **Plan** | [old](../../../../plans/old/) |\n';
    expect(setProposalPlanLink(text, 'f.md', link)).toBe(
      '| **Field** | **Value** |\n|---|---|\n| **Status** | approved |\n| **Plan** | [migrate](../../../../plans/migrate/) |\n',
    );
  });
  it('bold-field proposals get a **Plan:** line after Status', () => {
    expect(setProposalPlanLink('# Proposal: P\n\n**Status:** approved\n\nBody\n', 'f.md', link)).toBe(
      '# Proposal: P\n\n**Status:** approved\n**Plan:** [migrate](../../../../plans/migrate/)\n\nBody\n',
    );
  });
  it('refuses a proposal without metadata', () => {
    expect(() => setProposalPlanLink('# Proposal: P\n\nBody\n', 'p/README.md', link)).toThrow(ProblemError);
  });
});

const ROADMAP =
  '# Plan: R\n\n**Status:** draft\n\n## Child Plans\n\n| Order | Plan | Status | Effort | Impact |\n|-------|------|--------|--------|--------|\n| 1 | [a](a/) | draft | L | high |\n| 2 | [b](b/) | in_review | - | - |\n\nNotes.\n\n## Outstanding Questions\n\nNone at this time.\n';

describe('roadmap Child Plans rows', () => {
  it("appends a row with the next order and the table's dash style", () => {
    const out = addChildPlanRow(ROADMAP, { slug: 'c', status: 'draft' })!;
    expect(out).toBe(ROADMAP.replace('| 2 | [b](b/) | in_review | - | - |\n', '| 2 | [b](b/) | in_review | - | - |\n| 3 | [c](c/) | draft | - | - |\n'));
    expect(parsePlan(out).plan.childPlans?.map((r) => r.plan.text)).toEqual(['a', 'b', 'c']);
  });
  it('fills a Depends on column with a dash (no dependency)', () => {
    const text =
      '## Child Plans\n\n| Order | Plan | Status | Effort | Impact | Depends on |\n|---|---|---|---|---|---|\n| 1 | [a](a/) | draft | L | high | — |\n';
    expect(addChildPlanRow(text, { slug: 'b', status: 'draft' })).toContain('| 2 | [b](b/) | draft | — | — | — |');
  });
  it('returns null without a Child Plans table', () => {
    expect(addChildPlanRow('# Plan: X\n\n**Status:** draft\n', { slug: 'a', status: 'draft' })).toBeNull();
  });
  it('sets one child status cell and nothing else', () => {
    const out = setChildPlanStatus(ROADMAP, 'b', 'approved');
    expect(out).toBe(ROADMAP.replace('| 2 | [b](b/) | in_review | - | - |', '| 2 | [b](b/) | approved  | - | - |'));
    expect(setChildPlanStatus(ROADMAP, 'zzz', 'approved')).toBe(ROADMAP);
  });
  it('turns a fresh scaffold into a roadmap by replacing its placeholder Steps', () => {
    const plan = scaffoldPlan({ planPath: 'r', title: 'R', author: '@a', today: '2026-03-14', features: [{ path: 'cli', title: 'CLI' }] });
    expect(hasOnlyPlaceholderSteps(plan)).toBe(true);
    const text = renderPlan(plan);
    const out = makeRoadmap(text, { slug: 'one', status: 'draft' });
    const parsed = parsePlan(out).plan;
    expect(parsed.steps).toBeNull();
    expect(parsed.childPlans).toEqual([{ order: '1', plan: { text: 'one', href: 'one/' }, status: 'draft', effort: '—', impact: '—', dependsOn: null }]);
    expect(out.slice(0, out.indexOf('## Child Plans'))).toBe(text.slice(0, text.indexOf('## Steps')));
    expect(out.slice(out.indexOf('## Outstanding Questions'))).toBe(text.slice(text.indexOf('## Outstanding Questions')));
    const edited = { ...plan, steps: [{ ...plan.steps![0]!, title: 'Real work' }] };
    expect(hasOnlyPlaceholderSteps(edited)).toBe(false);
  });
});
