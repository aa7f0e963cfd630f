import { describe, expect, it } from 'vitest';
import { parseWhatsNext } from '../../src/parse/whats-next.js';
import { splitReport } from '../../src/parse/whats-next-state.js';
import { renderWhatsNext } from '../../src/render/whats-next.js';
import type { WhatsNextReport } from '../../src/model/whats-next-report.js';
import { renderState } from '../../src/whats-next/state.js';
import { digest } from '../../src/model/digest.js';
import type { PlanPrint } from '../../src/model/whats-next-state.js';
import type { StateMeta } from '../../src/model/whats-next-state-schema.js';

const report: WhatsNextReport = {
  generated: '2026-04-02',
  mode: 'incremental',
  completed: [{ plan: 'road/one', completedOn: '2026-04-01' }],
  completedMore: 0,
  inProgress: [{ plan: 'hero', done: 2, total: 4, blockers: [] }],
  recommended: [
    {
      plan: 'road/two',
      rank: 1,
      need: 'start',
      effort: 'M',
      impact: 'high',
      inferred: [],
      score: 61.5,
      reasons: ['unblocked by road/one completion'],
      sentence: 'Ready to start (approved): unblocked by road/one completion.',
    },
    {
      plan: 'skills',
      rank: 2,
      need: 'review',
      effort: 'L',
      impact: 'medium',
      inferred: ['effort'],
      score: 20,
      reasons: ['x'],
      sentence: 'Needs review (draft): x.',
    },
  ],
  reasoning: 'Why.\n\nMore why.',
  questions: ['Is it?', 'Or not?'],
};

function file(r: WhatsNextReport): string {
  const body = renderWhatsNext(r);
  const meta: StateMeta = {
    generated: r.generated,
    mode: r.mode,
    body: digest(body),
    features: 'f',
    items: 'i',
    prose: 'llm',
    ranking: 'r',
    top: 5,
    shown: [['road/two', 61.5]],
    since: { completed: [['road/one', '2026-04-01']], more: 0, unblocked: [['road/two', ['road/one']]] },
    raw: { ledger: '-', features: 'x', trailers: '-' },
  };
  const plans = new Map<string, PlanPrint>([
    ['road/one', { content: '0123456789', exec: 'abcdef01', flags: 'c' }],
    ['road/two', { content: 'aaaaaaaaaa', exec: '-', flags: '-' }],
  ]);
  return `${body}\n${renderState(meta, plans)}`;
}

describe('WHATS-NEXT.md', () => {
  it("renders exactly the seed's structure", () => {
    expect(renderWhatsNext(report)).toBe(`# What's Next

**Generated:** 2026-04-02
**Mode:** incremental

## Completed Since Last Update

- [road/one](road/one/) — completed 2026-04-01

## In Progress

- [hero](hero/) — 2/4 steps done, no blockers

## Recommended Next

1. **[road/two](road/two/)** — Impact: high, Effort: M. Ready to start (approved): unblocked by road/one completion.
2. **[skills](skills/)** — Impact: medium, Effort: L (inferred). Needs review (draft): x.

### Reasoning

Why.

More why.

## Outstanding Questions

- Is it?
- Or not?
`);
  });

  it('reads back its embedded state and sections', () => {
    const text = file(report);
    const p = parseWhatsNext(text);
    expect(p.kind).toBe('ok');
    if (p.kind !== 'ok') return;
    expect(p.handEdited).toBe(false);
    expect(p.body).toBe(renderWhatsNext(report));
    expect(p.state.meta.since.unblocked).toEqual([['road/two', ['road/one']]]);
    expect(p.state.plans.get('road/one')).toEqual({ content: '0123456789', exec: 'abcdef01', flags: 'c' });
    expect(p.reasoning).toBe('Why.\n\nMore why.');
    expect(p.questions).toBe('- Is it?\n- Or not?');
  });

  it('survives a CRLF checkout', () => {
    const p = parseWhatsNext(file(report).replace(/\n/g, '\r\n'));
    expect(p.kind).toBe('ok');
    expect(p.kind === 'ok' && p.handEdited).toBe(false);
  });

  it('tells a hand-edited body from an edited or broken state', () => {
    const text = file(report);
    const edited = parseWhatsNext(text.replace('Why.', 'Because I said so.'));
    expect(edited.kind === 'ok' && edited.handEdited).toBe(true);
    expect(parseWhatsNext(text.replace('"top":5', '"top":6'))).toMatchObject({
      kind: 'unreadable',
      reason: 'its state comment was edited (checksum mismatch)',
    });
    expect(parseWhatsNext(text.replace('whats-next-state v2', 'whats-next-state v9'))).toMatchObject({
      kind: 'unreadable',
      reason: 'its state was written by another version (v9)',
    });
    expect(parseWhatsNext(text.slice(0, text.indexOf('sum ')))).toMatchObject({ kind: 'unreadable' });
    expect(parseWhatsNext(renderWhatsNext(report))).toMatchObject({ kind: 'no-state' });
    expect(parseWhatsNext(null)).toEqual({ kind: 'missing' });
  });

  it('round-trips plan folders with unusual names', () => {
    const body = renderWhatsNext(report);
    const meta = parseWhatsNext(file(report));
    if (meta.kind !== 'ok') throw new Error('state');
    const plans = new Map<string, PlanPrint>([['My Plan_2/-->x%y', { content: '0123456789', exec: '-', flags: 'p' }]]);
    const p = parseWhatsNext(`${body}\n${renderState(meta.state.meta, plans)}`);
    expect(p.kind === 'ok' && [...p.state.plans.keys()]).toEqual(['My Plan_2/-->x%y']);
    expect(renderState(meta.state.meta, plans)).not.toMatch(/-->x/);
  });

  it('keeps the state out of the visible body', () => {
    const { body, state } = splitReport(file(report));
    expect(body.endsWith('- Or not?\n')).toBe(true);
    expect(state?.[0]?.startsWith('meta {')).toBe(true);
    expect(state?.at(-1)).toMatch(/^sum [0-9a-f]{16}$/);
  });
});
