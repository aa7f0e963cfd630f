import { describe, expect, it } from 'vitest';
import { checkProse, proseChecker, type ProseReply } from '../../src/whats-next/check-prose.js';
import type { PlanStanding, ProseContext } from '../../src/whats-next/prose-claims.js';

function plan(path: string, title: string, over: Partial<PlanStanding> = {}): [string, PlanStanding] {
  return [path, { path, title, status: 'approved', rank: null, why: null, inProgress: false, completed: false, blocked: false, ...over }];
}

const ctx: ProseContext = {
  plans: new Map([
    plan('billing-roadmap', 'Billing roadmap', { why: 'roadmap', inProgress: true }),
    plan('billing-roadmap/invoice-pdf', 'Invoice PDFs from the ledger', { rank: 1 }),
    plan('billing-roadmap/dunning', 'Dunning', { status: 'draft', why: 'blocked', blocked: true }),
    plan('billing-roadmap/ledger', 'Billing ledger', { why: 'completed', completed: true }),
    plan('csv-export', 'CSV export of invoices', { rank: 2 }),
    plan('search-indexing', 'Search index', { status: 'draft', rank: 3 }),
    plan('user-auth', 'Single sign-on for accounts', { why: 'in_progress', inProgress: true }),
    plan('old-export', 'Old export', { status: 'superseded', why: 'superseded' }),
  ]),
  features: new Set(['billing', 'billing/invoicing']),
  top: ['billing-roadmap/invoice-pdf', 'csv-export'],
  reasons: ['unblocked by billing-roadmap/ledger completion', 'unblocks 1 downstream plan', 'ROI 2.00: impact medium over effort S'],
};
const checker = proseChecker(ctx);

const good = [
  { plan: 'billing-roadmap/invoice-pdf', rationale: 'The ledger it reads is done, and invoices are what customers ask for.' },
  { plan: 'csv-export', rationale: 'Small and approved; it serves the same invoicing feature.' },
];
function check(over: Partial<ProseReply>) {
  return checkProse({ rationales: good, notes: [], questions: [], ...over }, checker);
}
const notes = (...n: string[]) => check({ notes: n }).all;

describe('the prose checker accepts what a real model writes about the computed facts', () => {
  it('accepts a rationale per recommended plan, named by path, slug or title', () => {
    expect(check({}).all).toEqual([]);
    const bySlug = [
      { plan: 'invoice-pdf', rationale: 'Unblocked now that the ledger is done.' },
      { plan: 'CSV export of invoices', rationale: 'Cheap and approved.' },
    ];
    expect(check({ rationales: bySlug }).all).toEqual([]);
  });

  it("accepts the tool's own computed reason, and mentions of in-progress plans, roadmaps and short slugs as context", () => {
    expect(notes('Prioritise `billing-roadmap/invoice-pdf`: it unblocks `billing-roadmap/dunning`.')).toEqual([]);
    expect(notes('user-auth is in progress, and the billing-roadmap is moving: `invoice-pdf` comes after the finished `ledger`.')).toEqual([]);
    expect(notes('The Dunning plan stays blocked until invoice PDFs ship.')).toEqual([]);
    expect(notes('unblocked by billing-roadmap/ledger completion.')).toEqual([]);
  });
});

describe('the prose checker rejects claims that contradict the computed facts', () => {
  it('a blocked plan recommended by its title', () => {
    expect(notes('Start the Dunning plan next.')).toEqual([
      'note 1 recommends billing-roadmap/dunning ("Start the Dunning plan next"), but it is blocked by an unfinished predecessor; it must not be recommended',
    ]);
    expect(notes('Next, pick up old-export: it is cheap.')[0]).toMatch(/recommends old-export .* superseded/);
  });

  it('a fake numbered ranking, an order or a rank that contradicts the computed one', () => {
    expect(notes('1. csv-export\n2. billing-roadmap/invoice-pdf')).toContain(
      'note 1 numbers plans as a list; the report prints the computed order itself, so write sentences, not a ranking',
    );
    expect(notes('Do csv-export before invoice-pdf.')[0]).toMatch(/puts csv-export \(#2\) before billing-roadmap\/invoice-pdf \(#1\)/);
    expect(notes('user-auth is ranked second.')[0]).toMatch(/puts user-auth at #2 .* but it is already in progress/);
    expect(notes('csv-export goes first.')[0]).toMatch(/puts csv-export at #1 .* but it is recommended #2/);
    expect(check({ rationales: [good[0]!, { plan: 'csv-export', rationale: 'It comes first because it is cheap.' }] }).all[0]).toMatch(/puts csv-export at #1/);
  });

  it('a status that is not true', () => {
    expect(notes('csv-export is blocked by the ledger.')[0]).toMatch(/says csv-export is blocked .* but it is recommended #2/);
    expect(notes('search-indexing is approved.')[0]).toMatch(/says search-indexing is approved/);
    expect(notes('user-auth is still in progress; search-indexing is a draft.')).toEqual([]);
  });

  it('rationales for plans that are not recommended, unknown plans and repeats (a missing one is no problem: the computed reason stands in)', () => {
    const all = check({
      rationales: [good[0]!, { plan: 'user-auth', rationale: 'Almost there.' }, { plan: 'ghost', rationale: 'x' }, good[0]!],
    }).all;
    expect(all).toContain('the rationale for "user-auth": user-auth is already in progress; give rationales only for billing-roadmap/invoice-pdf, csv-export');
    expect(all).toContain(
      'the rationale for "ghost" names a plan that does not exist; use one of the recommended paths: billing-roadmap/invoice-pdf, csv-export',
    );
    expect(all).toContain('the rationale for "billing-roadmap/invoice-pdf" repeats an earlier rationale for billing-roadmap/invoice-pdf; give one per plan');
    expect(check({ rationales: [good[0]!] }).missing).toEqual(['csv-export']);
    expect(check({ rationales: [good[0]!] }).all).toEqual([]);
  });

  it('HTML comments, scripts, raw HTML and links that are not plans', () => {
    expect(notes('Fine. <!-- hidden')[0]).toMatch(/^note 1 contains raw HTML \("<!--"\)/);
    expect(notes('<script>alert(1)</script>')[0]).toMatch(/raw HTML/);
    expect(notes('See <b>this</b>.')[0]).toMatch(/raw HTML/);
    expect(notes('See [the spec](../../features/x/) and [csv](csv-export/).')).toEqual([
      'note 1 has the link "[the spec](../../features/x/)", which does not point at a plan of this repository; write plan paths as plain text, without links',
    ]);
    expect(notes('See [here](https://evil.example/).')[0]).toMatch(/has the link/);
  });

  it('unknown plans in text and in questions', () => {
    const c = check({ notes: ['Then `billing-roadmap/credit-notes`.'], questions: [{ question: 'Is ghost-plan needed?', plans: ['ghost-plan'] }] });
    expect(c.notes.get(0)).toEqual(['note 1 names "billing-roadmap/credit-notes", which is not a plan in this repository; use only the plan paths given']);
    expect(c.questions.get(0)).toEqual(['question 1 is about "ghost-plan", which is not a plan in this repository']);
  });

  it('questions may ask about order, but not misstate a status', () => {
    expect(check({ questions: [{ question: 'Should the Dunning plan start next?', plans: ['billing-roadmap/dunning'] }] }).all).toEqual([]);
    expect(check({ questions: [{ question: 'Since csv-export is completed, can it be closed?', plans: ['csv-export'] }] }).all[0]).toMatch(
      /question 1 says csv-export is completed/,
    );
  });
});
