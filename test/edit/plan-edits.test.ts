import { describe, expect, it } from 'vitest';
import { editPlanHeader } from '../../src/edit/plan-header.js';
import { withCell } from '../../src/markdown/header-fields.js';
import { joinLines, splitLines } from '../../src/markdown/text-lines.js';
import { parsePlan } from '../../src/parse/plan.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpus as locateCorpus } from '../support/corpus.js';

const SYNCHESTRA = locateCorpus('synchestra-spec');
const corpus = (rel: string) => readFileSync(path.join(SYNCHESTRA.root, rel), 'utf8');

/** Lines of `b` that are not at the same index in `a`, assuming only replacements/insertions. */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  return b.split('\n').filter((l) => !x.includes(l));
}

describe('editPlanHeader: surgical header edits', () => {
  SYNCHESTRA.it('changes only the Status line of a real corpus plan', () => {
    const text = corpus('spec/plans/chat-feature/chat-infrastructure/README.md');
    const out = editPlanHeader(text, { status: 'in_review' });
    expect(out.length).toBe(text.length + 'in_review'.length - 'draft'.length);
    expect(out).toBe(text.replace('**Status:** draft\n', '**Status:** in_review\n'));
  });

  it('inserts Approver after Author and Approved after Created, in the seed order', () => {
    const text = corpus('spec/plans/chat-feature/chat-infrastructure/README.md');
    const out = editPlanHeader(text, { status: 'approved', approver: '@jordan', approved: '2026-03-15' });
    expect(changedLines(text, out)).toEqual(['**Status:** approved', '**Approver:** @jordan', '**Approved:** 2026-03-15']);
    const h = parsePlan(out).plan.header;
    expect(h).toMatchObject({ status: 'approved', approver: '@jordan', approved: '2026-03-15', author: '@alex', created: '2026-03-14' });
    const order = out
      .split('\n')
      .filter((l) => l.startsWith('**'))
      .slice(0, 8)
      .map((l) => l.slice(2, l.indexOf(':')));
    expect(order).toEqual(['Status', 'Features', 'Source type', 'Source', 'Author', 'Approver', 'Created', 'Approved']);
  });

  it('replaces an existing (stale) Approver instead of adding a second one', () => {
    const text = '# Plan: X\n\n**Status:** in_review\n**Author:** @a\n**Approver:** TBD\n**Created:** 2026-01-01\n\n## Context\n\nC\n';
    const out = editPlanHeader(text, { status: 'approved', approver: '@j', approved: '2026-01-02' });
    expect(out).toBe(
      '# Plan: X\n\n**Status:** approved\n**Author:** @a\n**Approver:** @j\n**Created:** 2026-01-01\n**Approved:** 2026-01-02\n\n## Context\n\nC\n',
    );
  });

  it('keeps CRLF line endings, a BOM, backticks and the **Name**: style', () => {
    const text = '\ufeff# Plan: X\r\n\r\n**Status**: `in_review`\r\n**Author:** @a\r\n\r\n## Context\r\n\r\nC\r\n';
    const out = editPlanHeader(text, { status: 'draft' });
    expect(out).toBe('\ufeff# Plan: X\r\n\r\n**Status**: `draft`\r\n**Author:** @a\r\n\r\n## Context\r\n\r\nC\r\n');
  });

  it('writes Superseded by as the last header field, after unknown fields and multi-line values', () => {
    const text =
      '# Plan: X\n\n**Status:** approved\n**Features:**\n  - [cli](../../features/cli/README.md)\n**Author:** @a\n**Task mapping:** `x`\n  continued\n\n## Context\n\nC\n';
    const out = editPlanHeader(text, { status: 'superseded', supersededBy: { text: 'y', href: '../y/' } });
    expect(out).toBe(
      '# Plan: X\n\n**Status:** superseded\n**Features:**\n  - [cli](../../features/cli/README.md)\n**Author:** @a\n**Task mapping:** `x`\n  continued\n**Superseded by:** [y](../y/)\n\n## Context\n\nC\n',
    );
    expect(parsePlan(out).plan.header.supersededBy).toEqual({ text: 'y', href: '../y/' });
  });

  it('does not read a **Status:** inside a fenced block in Context as the header', () => {
    const text = '# Plan: X\n\n**Status:** draft\n\n## Context\n\n```\n**Status:** draft\n```\n';
    expect(editPlanHeader(text, { status: 'in_review' })).toBe(text.replace('**Status:** draft\n\n## Context', '**Status:** in_review\n\n## Context'));
  });
});

describe('text-lines', () => {
  it('round-trips documents byte for byte', () => {
    for (const t of ['', 'a', 'a\n', 'a\r\nb\r\n', '\ufeffa\nb', '\n\n']) expect(joinLines(splitLines(t))).toBe(t);
  });
  it('withCell replaces one cell, keeping padding when the value fits', () => {
    expect(withCell('| 1 | [a](a/) | draft     | L |', 2, 'approved')).toBe('| 1 | [a](a/) | approved  | L |');
    expect(withCell('| 1 | [a](a/) | draft | L |', 2, 'in_review')).toBe('| 1 | [a](a/) | in_review | L |');
    expect(withCell('1 | a \\| b | draft', 2, 'x')).toBe('1 | a \\| b | x');
  });
});
