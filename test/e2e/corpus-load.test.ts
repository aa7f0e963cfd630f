import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFeature } from '../../src/parse/feature.js';
import { parsePlan } from '../../src/parse/plan.js';
import { parsePlansIndex } from '../../src/parse/plans-index.js';
import { parseProposal } from '../../src/parse/proposal.js';
import { renderPlan } from '../../src/render/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import type { SpecRepo } from '../../src/model/repository.js';
import { markdownFiles } from '../support/corpus.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

/**
 * The real conformance corpus (`../shared/corpora/synchestra-spec`, read-only): exact counts and
 * field values read by hand from the documents, and proof that nothing is dropped on the way in.
 */
let repo: SpecRepo;
beforeAll(() => {
  repo = loadRepo(CORPUS_ROOT);
});

const plan = (p: string) => {
  const entry = repo.plans.get(p);
  if (!entry) throw new Error(`plan ${p} was not loaded`);
  return entry.parsed.plan;
};

SYNCHESTRA.describe('synchestra corpus: counts', () => {
  it('loads every plan, roadmap, child, feature and proposal, with no reading findings', () => {
    const plans = [...repo.plans.values()];
    expect(plans.map((p) => p.path)).toEqual([
      'agent-skills-roadmap',
      'chat-feature',
      'chat-feature/chat-infrastructure',
      'chat-feature/chat-workflow-engine',
      'e2e-testing-framework',
      'hero-scene',
      'superpowers-integration',
    ]);
    expect(plans.filter((p) => p.parsed.plan.childPlans !== null).map((p) => p.path)).toEqual(['chat-feature']);
    expect(plans.filter((p) => p.parent !== null).map((p) => p.path)).toEqual(['chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
    expect(repo.plans.get('chat-feature')!.children).toEqual(['chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine']);
    expect(repo.features.size).toBe(109);
    expect(repo.proposals.size).toBe(0);
    expect(repo.findings).toEqual([]);
    expect(repo.configFile).toBeNull();
    expect(repo.index?.parsed.rows).toHaveLength(7);
    expect(repo.whatsNext).toBeNull();
  });

  it('accounts for every markdown file below spec/features and spec/plans', () => {
    const known = new Set<string>();
    for (const p of repo.plans.values()) [p.file, ...p.extraFiles, ...p.reports].forEach((f) => known.add(f));
    for (const f of repo.features.values()) [f.file, ...(f.extraFiles ?? [])].forEach((x) => known.add(x));
    for (const p of repo.proposals.values()) known.add(p.file);
    if (repo.index) known.add(repo.index.file);
    const files = [...markdownFiles(CORPUS_ROOT, 'spec/features'), ...markdownFiles(CORPUS_ROOT, 'spec/plans')];
    expect(files).toHaveLength(218);
    // spec/features/README.md is the features overview, not a feature: the only file left out.
    expect(files.filter((f) => !known.has(f))).toEqual(['spec/features/README.md']);
    expect(repo.plans.get('hero-scene')!.extraFiles).toEqual(['spec/plans/hero-scene/illustration-generation.md']);
    expect(repo.features.get('cli/test')!.extraFiles).toContain('spec/features/cli/test/_acs/parses-valid-scenario.ac.md');
  });

  it('parses all 239 markdown files of the corpus with every reader without throwing', () => {
    const files = markdownFiles(CORPUS_ROOT);
    expect(files).toHaveLength(239);
    for (const f of files) {
      const text = readFileSync(path.join(CORPUS_ROOT, f), 'utf8');
      expect(() => [parsePlan(text), parseFeature(text), parseProposal(text), parsePlansIndex(text)], f).not.toThrow();
    }
  });
});

SYNCHESTRA.describe('synchestra corpus: field values read by hand', () => {
  it('chat-infrastructure: header and step dependencies', () => {
    const p = plan('chat-feature/chat-infrastructure');
    expect(p.title).toBe('Chat infrastructure');
    expect(p.header.status).toBe('draft');
    expect(p.header.features).toEqual([{ text: 'chat', href: '../../../features/chat/README.md' }]);
    expect(p.header.created).toBe('2026-03-14');
    expect(p.steps!.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(p.steps![0]!.dependsOn).toEqual([]);
    expect(p.steps![0]!.title).toBe('Define chat data model');
    expect(p.steps![0]!.produces[0]).toBe('`chat-data-model.md` — data model documentation with type definitions');
    expect(p.steps![4]!.dependsOn).toEqual(['3', '4']);
    expect(p.steps![7]!.dependsOn).toEqual(['6', '7']);
    expect(p.acceptanceCriteria).toHaveLength(11);
  });

  it('agent-skills-roadmap: "Phase N:" steps, sub-step dependencies and ranges', () => {
    const p = plan('agent-skills-roadmap');
    expect(p.steps!.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Machine-Readable Specs (Navigation)'],
      ['2', 'Safe Mutation'],
      ['3', 'Agent Workflow Optimization'],
    ]);
    const sub = (n: string) => p.steps!.flatMap((s) => s.subSteps).find((s) => s.number === n)!;
    expect(sub('1.5').dependsOn).toEqual(['1.3', '1.4']);
    expect(sub('2.3').dependsOn).toEqual(['1.1']);
    expect(sub('2.5').dependsOn).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(sub('3.4').dependsOn).toEqual(['3.1', '3.2', '3.3']);
    expect(p.header.author).toBe('@alex');
    expect(p.header.created).toBeNull();
    expect(p.extraSections.map((s) => s.title)).toEqual(['Competitive landscape', 'Honest assessment', 'Key design decisions already made']);
  });

  it('superpowers-integration: Source type "strategy" and its own sections', () => {
    const p = plan('superpowers-integration');
    expect(p.header.sourceType).toBe('strategy');
    expect(p.header.features.map((f) => f.text)).toEqual(['embedded-state', 'cli/project/init', 'agent-skills']);
    expect(p.header.source).toBe(
      '[Superpowers repo](https://github.com/obra/superpowers), [synchestra-superpowers fork](https://github.com/synchestra-io/synchestra-superpowers)',
    );
    expect(p.steps).toBeNull();
    expect(p.extraSections.map((s) => s.title)).toEqual([
      'Strategic Goal',
      'User Growth Funnel',
      'Plugin Distribution Model',
      'Superpowers Fork: What Changes',
      'Feature Detection Step (writing-plans)',
      'Phased Execution',
      'Risk Assessment',
      'Success Metrics',
    ]);
  });

  it('hero-scene: no Status, a non-"Plan:" title, bold fields kept as extras', () => {
    const entry = repo.plans.get('hero-scene')!;
    const p = entry.parsed.plan;
    expect(p.header.status).toBeNull();
    expect(p.title).toBe('Hero Scene Implementation Plan');
    expect(p.header.extra.map((x) => x.name)).toEqual(['Goal', 'Architecture', 'Tech Stack', 'Spec', 'Brand Spec']);
    expect(p.header.extra[3]!.value).toBe('`spec/branding/website/hero-scene.md`');
    expect(entry.parsed.findings.map((f) => f.rule)).toEqual(['plan/title']);
    expect(p.extraSections[0]!.title).toBe('File Structure');
    expect(p.extraSections.at(-1)!.title).toBe('Task 6: Generate Hero Illustration with AI');
  });

  it('chat-feature roadmap: Child Plans rows', () => {
    expect(plan('chat-feature').childPlans).toEqual([
      { order: '1', plan: { text: 'chat-infrastructure', href: 'chat-infrastructure/' }, status: 'draft', effort: 'L', impact: 'high', dependsOn: null },
      { order: '2', plan: { text: 'chat-workflow-engine', href: 'chat-workflow-engine/' }, status: 'draft', effort: 'M', impact: 'high', dependsOn: null },
    ]);
    expect(plan('chat-feature').steps).toBeNull();
  });

  it('plans index: &ensp; rows are children, the Progress column is read', () => {
    const idx = repo.index!.parsed;
    expect(idx.columns).toEqual(['Plan', 'Status', 'Progress', 'Features', 'Effort', 'Impact', 'Author', 'Approved']);
    expect(idx.rows.map((r) => [r.depth, r.plan.text, r.plan.href])).toEqual([
      [0, 'e2e-testing-framework', 'e2e-testing-framework/'],
      [0, 'chat-feature', 'chat-feature/'],
      [1, 'chat-infrastructure', 'chat-feature/chat-infrastructure/'],
      [1, 'chat-workflow-engine', 'chat-feature/chat-workflow-engine/'],
      [0, 'agent-skills-roadmap', 'agent-skills-roadmap/'],
      [0, 'hero-scene', 'hero-scene/'],
      [0, 'superpowers-integration', 'superpowers-integration/'],
    ]);
    expect(idx.rows[2]).toMatchObject({ features: 'chat', effort: 'L', impact: 'high', author: '@alex', approved: '—', progress: '—', line: 7 });
    expect(idx.recentlyClosed).toEqual([]);
    expect(idx.hasOutstandingQuestions).toBe(true);
  });

  it('features: Plans back-reference tables of chat and chat/workflow', () => {
    const chat = repo.features.get('chat')!.parsed.feature;
    expect(chat.title).toBe('Chat');
    expect(chat.status).toBe('Conceptual');
    expect(chat.plans!.map((r) => [r.plan.text, r.plan.href, r.status, r.author, r.approved])).toEqual([
      ['chat-feature', '../../plans/chat-feature/', 'draft', '@alex', '—'],
      ['chat-infrastructure', '../../plans/chat-infrastructure/', 'draft', '@alex', '—'],
      ['chat-workflow-engine', '../../plans/chat-workflow-engine/', 'draft', '@alex', '—'],
    ]);
    expect(chat.plansSection).toEqual({ startLine: 186, endLine: 192 });
    const workflow = repo.features.get('chat/workflow')!;
    expect(workflow.parent).toBe('chat');
    expect(workflow.parsed.feature.plans!.map((r) => r.plan.href)).toEqual(['../../../plans/chat-workflow-engine/']);
    expect(repo.features.get('chat')!.children).toContain('chat/workflow');
    expect(repo.features.get('agent-skills')!.parsed.feature.plans).toEqual([]);
    expect(repo.features.get('development-plan')!.parsed.feature.plans).toBeNull();
  });
});

SYNCHESTRA.describe('synchestra corpus: nothing is lost', () => {
  /** Lines the canonical rendering writes differently on purpose (step numbering, dependencies). */
  const NORMALIZED: Record<string, string[]> = {
    'agent-skills-roadmap': [
      '### Phase 1: Machine-Readable Specs (Navigation)',
      '**Depends on:** Steps 1.3, 1.4',
      '### Phase 2: Safe Mutation',
      '**Depends on:** Step 1.3 (spec lint — needed to verify post-mutation consistency)',
      '**Depends on:** Step 1.1 (feature info — needs section line ranges for safe insertion)',
      '**Depends on:** Steps 2.1–2.4',
      '### Phase 3: Agent Workflow Optimization',
      '**Depends on:** Steps 1.1, 1.2 (feature info + composable flags)',
      '**Depends on:** Steps 1.1, 1.2 (feature info + transitive refs)',
      '**Depends on:** Steps 3.1–3.3',
    ],
    'e2e-testing-framework': ['# E2E Testing Framework & Acceptance Criteria Implementation Plan'],
    'hero-scene': ['# Hero Scene Implementation Plan'],
  };

  it('every other non-blank line of every plan survives parse → render', () => {
    for (const p of repo.plans.values()) {
      const out = renderPlan(p.parsed.plan);
      const missing = p.text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !out.includes(l));
      expect(missing, p.path).toEqual(NORMALIZED[p.path] ?? []);
    }
  });

  it('canonical corpus plans round-trip byte for byte', () => {
    const canonical = ['chat-feature', 'chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine', 'superpowers-integration'];
    for (const p of repo.plans.values()) {
      expect(renderPlan(p.parsed.plan) === p.text, p.path).toBe(canonical.includes(p.path));
    }
  });
});

SYNCHESTRA.describe('loading on a helper thread', () => {
  const load = (mode: '0' | '1', root: string) => {
    const before = process.env.SPECPLAN_PREFETCH;
    process.env.SPECPLAN_PREFETCH = mode;
    try {
      return loadRepo(root);
    } finally {
      if (before === undefined) delete process.env.SPECPLAN_PREFETCH;
      else process.env.SPECPLAN_PREFETCH = before;
    }
  };
  const snapshot = (r: SpecRepo) => ({
    plans: [...r.plans.entries()],
    features: [...r.features.entries()],
    proposals: [...r.proposals.entries()],
    index: r.index,
    whatsNext: r.whatsNext,
    findings: r.findings,
  });

  it('reads exactly what direct reading reads (the prefetching worker only changes the timing)', () => {
    expect(snapshot(load('1', CORPUS_ROOT))).toEqual(snapshot(load('0', CORPUS_ROOT)));
  });
});
