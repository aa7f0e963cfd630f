import { describe, expect, it } from 'vitest';
import { checkProse, mentionedPlans, unknownReferences, type ProseContext } from '../../src/whats-next/check-prose.js';

const ctx: ProseContext = {
  plans: new Set(['billing', 'billing/ledger', 'billing/invoice-pdf', 'billing/retries', 'csv-export', 'old-export', 'user-auth']),
  features: new Set(['billing', 'billing/invoicing']),
  top: ['billing/invoice-pdf', 'csv-export'],
  ranks: new Map([
    ['billing/invoice-pdf', 1],
    ['csv-export', 2],
    ['user-auth', 3],
  ]),
  ineligible: new Map([
    ['billing/ledger', 'completed'],
    ['billing/retries', 'blocked'],
    ['old-export', 'superseded'],
    ['billing', 'roadmap'],
  ] as const),
};

const reply = (reasoning: string, focus: string[] = [], questions: Array<{ question: string; plans: string[] }> = []) => ({ reasoning, focus, questions });

describe('checking the model prose against the computed facts', () => {
  it('accepts prose that follows the ranking and mentions ineligible plans only as context', () => {
    const c = checkProse(
      reply(
        'billing/invoice-pdf comes first because billing/ledger is completed. csv-export follows; billing/retries stays blocked until the invoices ship. Features billing/invoicing move closer to Stable.',
        ['billing/invoice-pdf', 'csv-export'],
      ),
      ctx,
    );
    expect(c.reasoning).toEqual([]);
    expect(c.questions.size).toBe(0);
  });

  it('rejects a plan that does not exist, as a link, in code or as a roadmap/child path', () => {
    expect(unknownReferences('See [the plan](billing/invoice-html/) and `csv-imports` and billing/credit-notes.', ctx)).toEqual([
      'billing/credit-notes',
      'billing/invoice-html',
      'csv-imports',
    ]);
    expect(unknownReferences('impact/effort and `specplan suggest` and `--incremental` and [spec](../../features/x/)', ctx)).toEqual([]);
    const c = checkProse(reply('Start with `billing/invoice-html`.', [], [{ question: 'Is ghost-plan needed?', plans: ['ghost-plan'] }]), ctx);
    expect(c.reasoning).toEqual(['reasoning names "billing/invoice-html", which is not a plan in this repository; use only the plan paths given']);
    expect(c.questions.get(0)).toEqual(['question 1 is about "ghost-plan", which is not a plan in this repository']);
  });

  it('rejects recommending an ineligible plan, in focus or in a sentence', () => {
    const c = checkProse(reply('Next, pick up old-export: it is cheap.', ['billing/retries']), ctx);
    expect(c.reasoning).toContain('focus lists billing/retries is blocked by an unfinished predecessor and must not be recommended');
    expect(c.reasoning).toContain('reasoning recommends old-export is superseded and must not be recommended: "Next, pick up old-export: it is cheap."');
  });

  it('rejects a focus or a sentence that contradicts the computed order', () => {
    const c = checkProse(reply('Prioritize csv-export over billing/invoice-pdf.', ['csv-export', 'billing/invoice-pdf']), ctx);
    expect(c.reasoning).toContain('focus contradicts the computed order: csv-export (#2) is put before billing/invoice-pdf (#1)');
    expect(c.reasoning).toContain('reasoning contradicts the computed order: it puts csv-export (#2) before billing/invoice-pdf (#1)');
    expect(checkProse(reply('Do invoice-pdf before csv-export.'), ctx).reasoning).toEqual([]);
    expect(checkProse(reply('user-auth is ranked #3, outside the list.', ['user-auth']), ctx).reasoning).toEqual([
      'focus lists user-auth is ranked #3, outside the 2 recommended plans',
    ]);
  });

  it('finds plans by path, or by a unique hyphenated slug', () => {
    expect(mentionedPlans('invoice-pdf, then csv-export; not billing (a word) nor ledger', ctx.plans)).toEqual(['billing/invoice-pdf', 'csv-export']);
    expect(mentionedPlans('The `billing` roadmap, then [user-auth](user-auth/).', ctx.plans)).toEqual(['billing', 'user-auth']);
  });
});
