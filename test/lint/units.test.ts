import { expect } from 'vitest';
import { decodingFindings, lintRepo, lintResultOf, lintUnits, RULES } from '../../src/lint/index.js';
import { planOutline, planOutlineText, positionReads, repositoryView } from '../../src/lint/repository-view.js';
import { defineRule } from '../../src/lint/rule.js';
import type { PlanEntry } from '../../src/model/repository.js';
import { parsePlanDocument } from '../../src/parse/plan-document.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { corpus } from '../support/corpus.js';

/**
 * A lint run comes apart into each plan's own findings and the repository's: document rules
 * judge one plan in a repository of its own, repository rules see plans without their prose.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const PLAN = 'chat-feature/chat-infrastructure';

SYNCHESTRA.it('the findings of the units are those of the run, and each plan has its own', () => {
  const repo = loadRepo(SYNCHESTRA.root);
  const units = lintUnits(repo);
  expect(lintResultOf(units)).toEqual(lintRepo(repo));
  expect([...units.documents.keys()].sort()).toEqual([...repo.plans.values()].map((p) => p.file).sort());
  for (const [file, findings] of units.documents) for (const d of findings) expect(d.file).toBe(file);
  // Every rule of the preset says which it is; document rules are the ones that judge one plan.
  expect(RULES.filter((r) => r.scope === 'document').length).toBeGreaterThan(15);
});

SYNCHESTRA.it('a document rule that reports in another file is refused', () => {
  const repo = loadRepo(SYNCHESTRA.root);
  const stray = defineRule({
    id: 'test/stray',
    scope: 'document',
    description: 'reports in the index',
    defaultSeverity: 'error',
    check: ({ repo: r, report }) => {
      for (const _ of r.plans.values()) report('spec/plans/README.md', null, 'elsewhere');
    },
  });
  expect(() => lintRepo(repo, { rules: [stray] })).toThrow(/test\/stray judges one plan at a time but reported in spec\/plans\/README\.md/);
});

SYNCHESTRA.it('a document rule sees one plan with its text; a repository rule sees every plan without prose', () => {
  const repo = loadRepo(SYNCHESTRA.root);
  const seenAlone: string[] = [];
  const seenOutline: PlanEntry[] = [];
  const alone = defineRule({
    id: 'test/alone',
    scope: 'document',
    description: 'records what it sees',
    defaultSeverity: 'info',
    check: ({ repo: r }) => {
      expect(r.plans.size).toBe(1);
      expect(r.features.size + r.proposals.size).toBe(0);
      expect(r.index).toBeNull();
      for (const p of r.plans.values()) seenAlone.push(p.text);
    },
  });
  const across = defineRule({
    id: 'test/across',
    description: 'records what it sees',
    defaultSeverity: 'info',
    formats: ['seed', 'specscore'],
    check: ({ repo: r }) => {
      for (const p of r.plans.values()) seenOutline.push(p);
    },
  });
  lintRepo(repo, { rules: [alone, across] });
  expect(seenAlone).toEqual([...repo.plans.values()].map((p) => p.text));
  expect(seenOutline).toHaveLength(repo.plans.size);
  for (const p of seenOutline) {
    const full = repo.plans.get(p.path)!;
    expect(p.text).toBe('');
    expect(p.parsed.plan.header).toEqual(full.parsed.plan.header);
    expect(p.parsed.plan.title).toBe(full.parsed.plan.title);
    for (const s of p.parsed.plan.steps ?? []) expect(s.body).toBe('');
    expect(p.parsed.plan.context === null).toBe(full.parsed.plan.context === null);
    expect(p.parsed.positions.get('title')).toEqual(full.parsed.positions.get('title'));
  }
  expect(repositoryView(repo).plans.size).toBe(repo.plans.size);
});

SYNCHESTRA.it('the outline of a plan ignores its prose and its positions, and notes the positions read', () => {
  const repo = loadRepo(SYNCHESTRA.root);
  const entry = repo.plans.get(PLAN)!;
  const outlineOf = (text: string) => {
    const parsed = parsePlanDocument(text, entry.file);
    return planOutlineText(planOutline({ ...entry, text, parsed }), []);
  };
  const base = outlineOf(entry.text);
  expect(base).toBe(planOutlineText(planOutline(entry), decodingFindings(repo).get(entry.file) ?? []));
  expect(outlineOf(`${entry.text}\n- One more open question?\n`)).toBe(base);
  expect(outlineOf(entry.text.replace('## Context\n', '## Context\n\nA sentence more.\n'))).toBe(base);
  expect(outlineOf(entry.text.replace(/\*\*Status:\*\* \S+/, '**Status:** in_review'))).not.toBe(base);
  expect(outlineOf(entry.text.replace(/^(### 1\..*)$/m, '$1 renamed'))).not.toBe(base);
  // Positions are not part of the text: each one read is noted, with what it gave.
  const outline = planOutline(entry);
  expect(positionReads(outline)).toEqual({ keys: new Map(), all: false });
  outline.parsed.positions.get('header.status');
  outline.parsed.positions.get('no.such.key');
  expect(positionReads(outline)?.keys).toEqual(
    new Map([
      ['header.status', entry.parsed.positions.get('header.status')],
      ['no.such.key', null],
    ]),
  );
  outline.parsed.positions.listing();
  expect(positionReads(outline)?.all).toBe(true);
  expect(positionReads(entry)).toBeNull();
});
