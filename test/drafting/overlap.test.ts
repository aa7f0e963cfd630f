import { describe, expect, it } from 'vitest';
import { findOverlaps } from '../../src/drafting/overlap.js';
import type { Plan } from '../../src/model/plan.js';
import type { PlanStates } from '../../src/model/plan-state.js';
import type { PlanEntry, SpecRepo } from '../../src/model/repository.js';
import { parsePlan } from '../../src/parse/plan.js';

const doc = (title: string, feature: string, steps: Array<[string, string[]]>, status = 'approved') => `# Plan: ${title}

**Status:** ${status}
**Features:**
  - [${feature}](../../features/${feature}/README.md)
**Source type:** feature
**Source:** [spec](../../features/${feature}/)
**Author:** @a
**Created:** 2026-03-01

## Context

Why.

## Acceptance criteria

- Works

## Steps

${steps.map(([t, produces], i) => `### ${i + 1}. ${t}\n\n**Depends on:** (none)\n${produces.length ? `\n**Produces:**\n${produces.map((p) => `- ${p}`).join('\n')}\n` : ''}`).join('\n')}
## Outstanding Questions

None at this time.
`;

/** A hand-built repository holding only plans (all `findOverlaps` reads). */
function repoOf(plans: Record<string, string>): SpecRepo {
  const entries = new Map<string, PlanEntry>(
    Object.entries(plans).map(([p, text]) => [
      p,
      { path: p, file: `spec/plans/${p}/README.md`, parent: null, children: [], text, parsed: parsePlan(text), extraFiles: [], acs: [], reports: [] },
    ]),
  );
  return { plans: entries } as unknown as SpecRepo;
}

const NO_EXECUTION: PlanStates = { plans: new Map(), execution: false, estimate: () => null };

function draftPlan(steps: Array<[string, string[]]>): Plan {
  return parsePlan(doc('Draft', 'search', steps, 'draft')).plan;
}

describe('overlap of a draft with open plans: shared title words or the same artifact', () => {
  const repo = repoOf({
    'search-index': doc('Search index', 'search', [
      ['Build the search index', ['`search-index.bin` — the inverted index']],
      ['Expose the query API', []],
    ]),
    'other-feature': doc('Billing', 'billing', [['Build the search index', []]]),
  });

  it('names a step whose title shares most words after normalisation (plural, -ing, filler verbs)', () => {
    const out = findOverlaps(repo, NO_EXECUTION, {
      path: 'search',
      plan: draftPlan([
        ['Create search indexes', []],
        ['Rank results', []],
      ]),
      features: ['search'],
    });
    expect(out).toEqual([
      {
        draft: 'search',
        plan: 'search-index',
        title: 'Search index',
        status: 'approved',
        steps: [{ draftStep: '1', draftTitle: 'Create search indexes', planStep: '1', planTitle: 'Build the search index', why: 'same words: index, search' }],
      },
    ]);
  });

  it('names a step that produces the same artifact under another title', () => {
    const out = findOverlaps(repo, NO_EXECUTION, {
      path: 'search',
      plan: draftPlan([['Tokenise documents', ['`search-index.bin` — built nightly']]]),
      features: ['search'],
    });
    expect(out[0]!.steps[0]!.why).toBe('both produce `search-index.bin`');
  });

  it('ignores one shared word, plans of other features, superseded and completed plans', () => {
    expect(findOverlaps(repo, NO_EXECUTION, { path: 'search', plan: draftPlan([['Tune the index', []]]), features: ['search'] })).toEqual([]);
    const superseded = repoOf({ 'search-index': doc('Search index', 'search', [['Build the search index', []]], 'superseded') });
    expect(findOverlaps(superseded, NO_EXECUTION, { path: 'search', plan: draftPlan([['Build search index', []]]), features: ['search'] })).toEqual([]);
    const completed = { ...NO_EXECUTION, plans: new Map([['search-index', { completed: true, status: 'approved' }]]) } as unknown as PlanStates;
    expect(findOverlaps(repo, completed, { path: 'search', plan: draftPlan([['Build search index', []]]), features: ['search'] })).toEqual([]);
  });
});
