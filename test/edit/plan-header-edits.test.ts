import { describe, expect, it } from 'vitest';
import { editPlanHeader } from '../../src/edit/plan-header.js';
import { setEstimateFields } from '../../src/edit/estimate-fields.js';
import { makeRoadmap } from '../../src/edit/references.js';
import { parsePlan } from '../../src/parse/plan.js';

const PLAN = [
  '# Plan: Lone',
  '',
  '**Status:** in_review',
  '**Features:**',
  '  - [cli](../../features/cli/README.md)',
  '**Source type:** feature',
  '**Source:** [cli](../../features/cli/)',
  '**Author:** @alex',
  '**Created:** 2026-03-14',
  '',
  '## Context',
  '',
  'Why.',
  '',
];

describe('header edits keep every line ending', () => {
  it('edits a plan written with lone CR line ends, keeping them', () => {
    const text = PLAN.join('\r');
    const out = editPlanHeader(text, { status: 'approved', approver: '@jordan', approved: '2026-03-15' });
    expect(parsePlan(out).plan.header.status).toBe('approved');
    expect(parsePlan(out).plan.header.approver).toBe('@jordan');
    expect(out).not.toContain('\n');
    expect(out.split('\r')).toHaveLength(PLAN.length + 2);
  });

  it('changes only the edited lines of a document mixing CRLF and LF', () => {
    const text = `${PLAN.slice(0, 6).join('\r\n')}\r\n${PLAN.slice(6).join('\n')}`;
    const out = setEstimateFields(text, { effort: 'M' });
    expect(out).toBe(text.replace('**Created:** 2026-03-14\n', '**Created:** 2026-03-14\n**Effort:** M\r\n'));
  });

  it('keeps a BOM and a missing final newline', () => {
    const text = `\ufeff${PLAN.slice(0, -1).join('\n')}`;
    const out = editPlanHeader(text, { status: 'approved' });
    expect(out).toBe(text.replace('in_review', 'approved'));
  });

  it('does not edit a field example inside a fenced code block of the header', () => {
    const lines = [...PLAN];
    lines.splice(2, 0, '```markdown', '**Status:** draft', '```', '');
    const text = lines.join('\n');
    const out = editPlanHeader(text, { status: 'approved' });
    expect(out).toBe(text.replace('**Status:** in_review', '**Status:** approved'));
  });

  it('turns a plan without a final newline into a roadmap ending with one', () => {
    const text = PLAN.slice(0, 10).join('\r\n');
    const out = makeRoadmap(text, { slug: 'child', status: 'draft' });
    expect(out.endsWith('| 1 | [child](child/) | draft | — | — |\r\n')).toBe(true);
    expect(out).not.toMatch(/[^\r]\n/);
  });
});
