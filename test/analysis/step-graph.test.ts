import fc from 'fast-check';
import { rng } from '../../bench/generate-repo.mjs';
import { describe, expect, it } from 'vitest';
import { dependencyDepth } from '../../src/analysis/estimate.js';
import { buildStepGraph, forwardChains, stepGraphProblems } from '../../src/analysis/step-graph.js';
import type { Plan } from '../../src/model/plan.js';
import { parsePlan } from '../../src/parse/plan.js';
import { loadRepo } from '../../src/repo/load-repo.js';
import { corpus } from '../support/corpus.js';

const planOf = (steps: string) => parsePlan(`# Plan: P\n\n**Status:** draft\n\n## Steps\n\n${steps}`).plan;

const CLEAN = planOf('### 1. One\n\n### 2. Two\n\n**Depends on:** Step 1\n\n#### 2.1. Two a\n\n#### 2.2. Two b\n\n**Depends on:** Step 2.1\n');
const CYCLIC = planOf('### 1. One\n\n**Depends on:** Step 2\n\n### 2. Two\n\n**Depends on:** Step 1\n\n### 3. Three\n');
const UNKNOWN = planOf('### 1. One\n\n### 2. Two\n\n**Depends on:** Step 7\n');
/** A sub-step depending on its own container: a cycle through the implicit edge. */
const VIA_CONTAINER = planOf('### 1. One\n\n#### 1.1. One a\n\n**Depends on:** Step 1\n');
/** A step depending on its second sub-step, which depends on the first: a cycle through the dependency the sub-steps inherit. */
const VIA_INHERITED = planOf('### 1. One\n\n**Depends on:** Step 1.2\n\n#### 1.1. One a\n\n#### 1.2. One b\n\n**Depends on:** Step 1.1\n');
/** A step number written twice, the second time with a sub-step depending on it. */
const TWICE = planOf('### 1. One\n\n### 2. Two\n\n### 1. One again\n\n#### 1.1. One a\n\n**Depends on:** Step 1\n');

describe('stepGraphProblems', () => {
  it('is null for a plan whose dependencies all name steps and form no cycle', () => {
    expect(buildStepGraph(CLEAN).layers.length).toBeGreaterThan(1);
    expect(stepGraphProblems(CLEAN)).toBeNull();
  });

  it('is the whole step graph of a plan with a cycle or a dependency naming no step', () => {
    for (const plan of [CYCLIC, UNKNOWN, VIA_CONTAINER, VIA_INHERITED, TWICE]) {
      const graph = stepGraphProblems(plan);
      expect(graph).not.toBeNull();
      expect(graph!.cycles.length + graph!.unknown.length).toBeGreaterThan(0);
      expect(graph).toEqual(buildStepGraph(plan));
    }
  });

  it('property: null exactly when the whole graph has no cycle and no unknown step', () => {
    // Step numbers from a small range, so that some repeat; dependencies on steps before, after, missing or itself.
    const ref = fc.constantFrom('1', '2', '3', '1.1', '1.2', '2.1', '2.2', '9');
    const step = fc.record({
      number: fc.constantFrom('1', '2', '3'),
      deps: fc.array(ref, { maxLength: 2 }),
      subs: fc.array(fc.record({ minor: fc.constantFrom('1', '2'), deps: fc.array(ref, { maxLength: 2 }) }), { maxLength: 2 }),
    });
    const dependsOn = (deps: string[]) => (deps.length ? `**Depends on:** ${deps.map((d) => `Step ${d}`).join(', ')}\n\n` : '');
    let clean = 0;
    let problems = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
        const plan = planOf(
          steps
            .map(
              (s) =>
                `### ${s.number}. Step\n\n${dependsOn(s.deps)}${s.subs.map((sub) => `#### ${s.number}.${sub.minor}. Sub\n\n${dependsOn(sub.deps)}`).join('')}`,
            )
            .join(''),
        );
        const whole = buildStepGraph(plan);
        const graph = stepGraphProblems(plan);
        if (whole.cycles.length || whole.unknown.length) {
          problems++;
          expect(graph).toEqual(whole);
        } else {
          clean++;
          expect(graph).toBeNull();
        }
      }),
      { numRuns: 3000 },
    );
    expect(clean).toBeGreaterThan(50);
    expect(problems).toBeGreaterThan(50);
  });
});

/** What `forwardChains` stands for, from the whole graph: its critical path, and the dependency depth an estimate reads from it. */
function chainsOfGraph(plan: Plan): { criticalPath: string[]; deepest: number } | null {
  const g = buildStepGraph(plan);
  return g.cycles.length ? null : { criticalPath: g.criticalPath, deepest: dependencyDepth(g) };
}

describe('forwardChains', () => {
  it('is null when the steps do not finish in order, a number repeats or is not a number', () => {
    for (const plan of [CYCLIC, UNKNOWN, VIA_CONTAINER, VIA_INHERITED, TWICE]) expect(forwardChains(plan)).toBeNull();
    expect(forwardChains(planOf('### A. One\n\n### 2. Two\n'))).toBeNull();
    expect(forwardChains(CLEAN)).toEqual(chainsOfGraph(CLEAN));
  });

  it('property: where it answers, the critical path and depth of the whole graph', () => {
    // Up to 40 steps, each depending on a few earlier, later or missing steps or sub-steps, ties in length common.
    let answered = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (seed, n, backOnly) => {
        const next = rng(seed);
        const pick = (k: number) => Math.floor(next() * k);
        const refs: string[] = [];
        const text: string[] = [];
        const deps = (max: number) => {
          const ds = new Set<string>();
          for (let k = pick(3); k > 0; k--) {
            const r = backOnly || pick(10) > 0 ? refs[pick(refs.length)] : `${pick(max + 3) + 1}`;
            if (r !== undefined) ds.add(r);
          }
          return ds.size ? `**Depends on:** ${[...ds].map((d) => `Step ${d}`).join(', ')}\n\n` : '';
        };
        for (let i = 1; i <= n; i++) {
          const subs = pick(4) === 0 ? pick(3) + 1 : 0;
          const own = deps(n);
          const subText: string[] = [];
          for (let j = 1; j <= subs; j++) {
            subText.push(`#### ${i}.${j}. Sub\n\n${deps(n)}`);
            refs.push(`${i}.${j}`);
          }
          text.push(`### ${i}. Step\n\n${own}${subText.join('')}`);
          refs.push(`${i}`);
        }
        const plan = planOf(text.join(''));
        const fast = forwardChains(plan);
        if (fast === null) return;
        answered++;
        expect(fast).toEqual(chainsOfGraph(plan));
      }),
      { numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(500);
  });

  for (const name of ['synchestra-spec', 'specscore-spec'] as const) {
    const c = corpus(name);
    c.it(`agrees with the whole graph on every plan of the ${name} corpus`, () => {
      for (const e of loadRepo(c.root).plans.values()) {
        const fast = forwardChains(e.parsed.plan);
        if (fast !== null) expect(fast).toEqual(chainsOfGraph(e.parsed.plan));
      }
    });
  }
});
