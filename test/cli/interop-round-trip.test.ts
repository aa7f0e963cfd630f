import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportExecutionPlan } from '../../src/interop/export-execution-plan.js';
import { exportInput } from '../../src/interop/export-input.js';
import { importExecutionPlan } from '../../src/interop/import-execution-plan.js';
import { lintRepo } from '../../src/lint/index.js';
import { allSteps, type Plan, type Step } from '../../src/model/plan.js';
import { parsePlan } from '../../src/parse/plan.js';
import { renderPlan } from '../../src/render/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { fixture, makeRepo, read, removeRepo, runCli } from '../support/interop-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');
const CORPUS_ROOT = SYNCHESTRA.root;

/** What the round trip must keep: each step's number, title, dependencies (none = []), criteria; the plan's criteria. */
function essence(steps: readonly Step[], criteria: readonly string[] | null) {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    criteria: (criteria ?? []).map(norm),
    steps: steps
      .flatMap((s) => [s, ...s.subSteps])
      .map((s) => ({
        number: s.number,
        title: norm(s.title),
        dependsOn: [...(s.dependsOn ?? [])].sort(),
        acceptanceCriteria: s.acceptanceCriteria.map(norm),
        produces: s.produces.map(norm),
      })),
  };
}

function roundTrip(planPath: string, text: string) {
  const parsed = parsePlan(text);
  const input = exportInput({
    planPath,
    file: `spec/plans/${planPath}/README.md`,
    text,
    plan: parsed.plan,
    positions: parsed.positions,
    items: [],
    today: '2026-03-20',
  });
  const exported = exportExecutionPlan(input);
  const back = importExecutionPlan(exported);
  return { before: essence(parsed.plan.steps ?? [], parsed.plan.acceptanceCriteria), after: essence(back.steps, back.acceptanceCriteria), back, exported };
}

function keepsSteps(planPath: string, text: string): void {
  const { before, after, back } = roundTrip(planPath, text);
  expect(before.steps.length).toBeGreaterThan(3);
  expect(after).toEqual(before);
  expect(back.notes).toContain('chunk titles carry step ids (plan#N), so the steps keep those numbers');
}

describe('round trip: export --to execution-plan, then import --from execution-plan', () => {
  it.each([['add-batch-mode', () => fixture('plans/add-batch-mode.md')]])('%s keeps its steps, dependencies and acceptance criteria', (planPath, text) =>
    keepsSteps(planPath, text()),
  );
  SYNCHESTRA.it.each([
    ['chat-feature/chat-infrastructure', () => readFileSync(path.join(CORPUS_ROOT, 'spec/plans/chat-feature/chat-infrastructure/README.md'), 'utf8')],
    ['chat-feature/chat-workflow-engine', () => readFileSync(path.join(CORPUS_ROOT, 'spec/plans/chat-feature/chat-workflow-engine/README.md'), 'utf8')],
    ['agent-skills-roadmap', () => readFileSync(path.join(CORPUS_ROOT, 'spec/plans/agent-skills-roadmap/README.md'), 'utf8')],
  ])('%s keeps its steps, dependencies and acceptance criteria', (planPath, text) => keepsSteps(planPath, text()));

  it('through the CLI: the re-imported plan lints clean and equals the original in steps, dependencies and criteria', async () => {
    const root = makeRepo({ features: { cli: 'CLI' }, files: { 'spec/plans/add-batch-mode/README.md': fixture('plans/add-batch-mode.md') } });
    try {
      const out = await runCli(['export', 'add-batch-mode', '--root', root, '--to', 'execution-plan', '--out', 'exports/batch.md'], {}, root);
      expect(out.code, out.stderr).toBe(0);
      const imp = await runCli(
        ['import', 'exports/batch.md', '--root', root, '--from', 'execution-plan', '--feature', 'cli', '--slug', 'batch-again', '--date', '2026-03-21'],
        {},
        root,
      );
      expect(imp.code, imp.stderr).toBe(0);
      const a = parsePlan(read(root, 'spec/plans/add-batch-mode/README.md')).plan;
      const b = parsePlan(read(root, 'spec/plans/batch-again/README.md')).plan;
      expect(essence(b.steps!, b.acceptanceCriteria)).toEqual(essence(a.steps!, a.acceptanceCriteria));
      expect(b.risks?.replace(/\s+/g, ' ')).toBe(a.risks?.replace(/\s+/g, ' '));
      const lint = lintRepo(loadRepo(root));
      expect(
        lint.diagnostics.filter((d) => d.file.includes('batch-again')),
        JSON.stringify(lint.diagnostics),
      ).toEqual([]);
    } finally {
      removeRepo(root);
    }
  });
});

/* Random plans: up to 7 steps with up to 3 sub-steps, acyclic dependencies on earlier steps, titles from a small vocabulary (so slugs clash), criteria and artifacts with punctuation. */
const word = fc.constantFrom('build', 'Build', 'api', 'schema', 'v2', 'cache', 'Phase', '2', 'parser', 'UI');
const title = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const sentence = fc
  .array(fc.constantFrom('files', 'over', '10MB', 'stream;', 'memory', '<', '256MB', 'a + b', '(x, y)', 'pipe | sign', 'Step 1', '—', 'done.'), {
    minLength: 1,
    maxLength: 6,
  })
  .map((ws) => `Check ${ws.join(' ')}`);
const artifact = fc
  .tuple(fc.constantFrom('schema', 'api-contract', 'fixtures'), fc.constantFrom('.json', '.md', ''), fc.option(sentence, { nil: null }))
  .map(([n, e, d]) => (d ? `\`${n}${e}\` — ${d}` : `${n}${e} notes`));

const planArb = fc
  .array(
    fc.record({
      title,
      sub: fc.array(title, { maxLength: 3 }),
      criteria: fc.array(sentence, { maxLength: 3 }),
      produces: fc.array(artifact, { maxLength: 2 }),
      depSeed: fc.array(fc.nat(), { maxLength: 3 }),
      body: fc.option(sentence, { nil: '' }),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .map((raw): Plan => {
    const steps: Step[] = [];
    raw.forEach((r, i) => {
      const n = String(i + 1);
      const earlier = steps.flatMap((s) => [s.number, ...s.subSteps.map((x) => x.number)]);
      const pick = (seed: number[]) => [...new Set(seed.filter(() => earlier.length > 0).map((k) => earlier[k % earlier.length]!))];
      steps.push({
        number: n,
        title: r.title,
        body: r.body,
        dependsOn: pick(r.depSeed),
        produces: r.produces,
        acceptanceCriteria: r.criteria,
        extraFields: [],
        subSteps: r.sub.map((t, j) => ({
          number: `${n}.${j + 1}`,
          title: t,
          body: '',
          dependsOn: j > 0 && r.depSeed[j] ? [`${n}.${j}`] : null,
          produces: [],
          acceptanceCriteria: r.criteria.slice(0, j),
          extraFields: [],
        })),
      });
    });
    return {
      title: 'Random plan',
      preamble: '',
      header: {
        status: 'approved',
        features: [{ text: 'cli', href: '../../features/cli/README.md' }],
        sourceType: 'feature',
        source: '[CLI](../../features/cli/)',
        author: '@a',
        approver: '@b',
        created: '2026-01-01',
        approved: '2026-01-02',
        effort: null,
        impact: null,
        supersededBy: null,
        extra: [],
      },
      context: 'Random context.',
      acceptanceCriteria: ['Everything works'],
      steps,
      stepsPreamble: '',
      childPlans: null,
      childPlansNotes: '',
      dependencyGraph: null,
      risks: null,
      outstandingQuestions: 'None at this time.',
      extraSections: [],
    };
  });

describe('round trip property', () => {
  it('any acyclic plan keeps its steps, dependencies, criteria and artifacts through the execution-plan format', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const text = renderPlan(plan);
        const { before, after } = roundTrip('random-plan', text);
        expect(before.steps.length).toBe(allSteps(plan).length);
        expect(after).toEqual(before);
      }),
      { numRuns: 60, seed: 20260320 },
    );
  });
});
