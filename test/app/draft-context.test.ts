import { describe, expect, it } from 'vitest';
import { assembleContext, collectContext, fitToBudget, type ContextPart } from '../../src/drafting/context.js';
import { estimateTokens } from '../../src/generation/usage.js';
import { readConventionDocs } from '../../src/repo/conventions.js';
import { resolveSource } from '../../src/drafting/source.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { makeRepo, SMALL_REPO } from '../support/llm-fixture-repo.js';

const plan = (title: string, status: string, features: string[], extra = '') => `# Plan: ${title}

**Status:** ${status}
**Features:**
${features.map((f) => `  - [${f}](../../features/${f}/README.md)`).join('\n')}
**Source type:** feature
**Source:** [spec](../../features/${features[0]}/)
**Author:** @alex
**Created:** 2026-03-01

## Context

Context of ${title}.

## Acceptance criteria

- Works

## Steps

### 1. Do ${title}

**Depends on:** (none)
${extra}
## Outstanding Questions

None at this time.
`;

const RICH = {
  ...SMALL_REPO,
  'spec/README.md': '# Specifications\n\n## Contents\n\nStuff.\n\n## Writing Conventions\n\nSteps are imperative.\n',
  'spec/features/cli/batch/README.md': '# Feature: CLI batch\n\n**Status:** Draft\n\n## Summary\n\nBatch sub-feature summary.\n',
  'spec/plans/cli-legacy/README.md': plan('CLI legacy cleanup', 'approved', ['cli']),
  'spec/plans/cli-old/README.md': plan('CLI old plan', 'superseded', ['cli']),
  'spec/plans/batch-io/README.md': plan('Batch IO', 'draft', ['cli/batch']),
  'spec/plans/api-v2/README.md': plan('API v2', 'draft', ['api']),
};

describe('context assembly', () => {
  it('collects the source, related active plans, conventions and related features, without proposals', () => {
    const root = makeRepo(RICH);
    const repo = loadRepo(root);
    const source = resolveSource(repo, { kind: 'feature', feature: 'cli' });
    const parts = collectContext(repo, source, { conventions: readConventionDocs(root) });
    expect(parts.map((p) => `${p.priority} ${p.id}`)).toEqual([
      '0 feature:cli',
      '3 plan:batch-io',
      '2 plan:cli-legacy',
      '2.5 convention:spec/README.md#Writing Conventions',
      '2.5 convention:spec/plans/README.md#Diagram Conventions',
      '4 feature:cli/batch',
    ]);
    const spec = parts[0]!.text;
    expect(spec).toContain('### Batch execution');
    expect(spec).not.toContain('## Proposals');
    expect(spec).not.toContain('batch-mode');
    expect(parts.map((p) => p.text).join('\n')).not.toContain('Add a --batch flag');
    const legacy = parts.find((p) => p.id === 'plan:cli-legacy')!.text;
    expect(legacy).toContain('Plan `cli-legacy` — CLI legacy cleanup (status: approved; features: cli)');
    expect(legacy).toContain('Steps:\n- 1. Do CLI legacy cleanup');
  });

  it('a proposal source includes that proposal first, then its feature', () => {
    const repo = loadRepo(makeRepo(RICH));
    const parts = collectContext(repo, resolveSource(repo, { kind: 'proposal', proposal: 'cli/batch-mode' }));
    expect(parts[0]!.id).toBe('proposal:cli/batch-mode');
    expect(parts[0]!.text).toContain('Add a --batch flag');
    expect(parts[1]!.id).toBe('feature:cli');
  });

  it('trims the least relevant parts first and says what it left out', () => {
    const repo = loadRepo(makeRepo(RICH));
    const source = resolveSource(repo, { kind: 'feature', feature: 'cli' });
    const all = collectContext(repo, source);
    const full = fitToBudget(all, 100_000);
    expect(full.omitted).toEqual([]);
    expect(full.omittedNote).toBe('');
    const sourceOnly = estimateTokens(full.text) - 1;
    const tight = fitToBudget(all, sourceOnly);
    expect(tight.omitted.map((o) => o.id)[0]).toBe('feature:cli/batch');
    expect(tight.tokens).toBeLessThanOrEqual(sourceOnly);
    expect(tight.parts[0]!.id).toBe('feature:cli');
    expect(tight.omittedNote).toMatch(/^Left out to stay within the [\d,]+-token context budget: Sub-feature cli\/batch \(summary\) \(dropped, ~\d+ tokens\)/);
  });

  it('cuts the source itself only when nothing else is left, and says so', () => {
    const huge: ContextPart = { id: 'feature:big', title: 'Big spec', text: 'x'.repeat(40_000), priority: 0 };
    const other: ContextPart = { id: 'plan:p', title: 'Other plan', text: 'y'.repeat(400), priority: 2 };
    const fit = fitToBudget([huge, other], 2_000);
    expect(fit.tokens).toBeLessThanOrEqual(2_000);
    expect(fit.omitted.map((o) => [o.id, o.how])).toEqual([
      ['plan:p', 'dropped'],
      ['feature:big', 'truncated'],
    ]);
    expect(fit.parts[0]!.text).toMatch(/\[… \d+ characters cut to fit the token budget\]$/);
  });

  it('the assembled context puts the proposal before its feature', () => {
    const repo = loadRepo(makeRepo(RICH));
    const fit = assembleContext(repo, resolveSource(repo, { kind: 'proposal', proposal: 'cli/batch-mode' }));
    expect(fit.parts.map((p) => p.id).slice(0, 2)).toEqual(['proposal:cli/batch-mode', 'feature:cli']);
    expect(fit.text.indexOf('Add a --batch flag')).toBeLessThan(fit.text.indexOf('<context title="The feature it changes'));
  });

  it('truncation keeps the proposal and the feature acceptance criteria whole', () => {
    const proposal: ContextPart = { id: 'proposal:f/p', title: 'Proposal', text: `# Proposal\n\n${'p'.repeat(3_000)}`, priority: 0, whole: true };
    const criteria = '## Acceptance criteria\n\n- Exports finish in 30 s\n- Files open in a spreadsheet';
    const feature: ContextPart = {
      id: 'feature:f',
      title: 'Feature',
      text: `# Feature\n\n## Behaviour\n\n${'b'.repeat(20_000)}\n\n${criteria}\n\n## Notes\n\n${'n'.repeat(8_000)}`,
      priority: 0,
      protect: 'Acceptance criteria',
    };
    const fit = fitToBudget([proposal, feature], 2_500);
    expect(fit.tokens).toBeLessThanOrEqual(2_500);
    expect(fit.parts[0]!.text).toBe(proposal.text);
    expect(fit.parts[1]!.text).toContain(criteria);
    expect(fit.omitted).toEqual([expect.objectContaining({ id: 'feature:f', how: 'truncated' })]);
  });

  it('is deterministic', () => {
    const a = loadRepo(makeRepo(RICH));
    const b = loadRepo(makeRepo(RICH));
    const ctx = (r: typeof a) => assembleContext(r, resolveSource(r, { kind: 'feature', feature: 'cli' }), { budgetTokens: 300 });
    expect(ctx(a).text).toBe(ctx(b).text);
    expect(ctx(a).omittedNote).toBe(ctx(b).omittedNote);
  });

  it('includes the roadmap and its sibling plans when drafting a child plan', () => {
    const roadmap = `# Plan: CLI roadmap

**Status:** draft
**Features:**
  - [cli](../../features/cli/README.md)
**Source type:** feature
**Source:** [CLI](../../features/cli/)
**Author:** @alex
**Created:** 2026-03-01

## Context

Roadmap.

## Acceptance criteria

- All children done

## Child Plans

| Order | Plan | Status | Effort | Impact |
|-------|------|--------|--------|--------|
| 1 | [parser](parser/) | draft | M | high |

## Outstanding Questions

None at this time.
`;
    const child = plan('Parser', 'draft', ['cli']).replace(/\.\.\/\.\.\/features/g, '../../../features');
    const repo = loadRepo(makeRepo({ ...SMALL_REPO, 'spec/plans/cli-roadmap/README.md': roadmap, 'spec/plans/cli-roadmap/parser/README.md': child }));
    const parts = collectContext(repo, resolveSource(repo, { kind: 'feature', feature: 'cli' }), { parent: 'cli-roadmap' });
    expect(parts.map((p) => p.id)).toEqual(expect.arrayContaining(['roadmap:cli-roadmap', 'sibling:cli-roadmap/parser']));
    expect(parts.filter((p) => p.id === 'plan:cli-roadmap' || p.id === 'plan:cli-roadmap/parser')).toEqual([]);
    expect(parts.find((p) => p.id === 'roadmap:cli-roadmap')!.text).toContain('| 1 | [parser](parser/) | draft | M | high |');
  });
});
