import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lintRepo } from '../../src/lint/index.js';
import { LintFacts } from '../../src/lint/facts.js';
import { defineRule } from '../../src/lint/rule.js';
import type { PlanFormat } from '../../src/model/plan-format.js';
import { loadRepo } from '../../src/repo/load-repo.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/rules');

/** A rule of `formats` that records the facts it was given. */
function recorder(id: string, formats: PlanFormat[], seen: LintFacts[]) {
  return defineRule({ id, formats, description: id, defaultSeverity: 'error', fix: '-', check: ({ facts }) => void seen.push(facts) });
}

describe('one lint run derives each fact once', () => {
  test('rules whose plan formats show the same repository share its facts (derived states, step graphs)', () => {
    // A repository of seed plans only: the seed view and the view of both formats are the same repository.
    const repo = loadRepo(path.join(FIXTURES, 'plan/dependency-cycle/ok'));
    const seen: LintFacts[] = [];
    lintRepo(repo, { rules: [recorder('a', ['seed'], seen), recorder('b', ['seed', 'specscore'], seen), recorder('c', ['specscore'], seen)] });
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    // The current format's view holds no plans here: facts of its own.
    expect(seen[2]).not.toBe(seen[0]);
  });

  test('a step graph is kept only when its plan has a dependency problem', () => {
    const clean = loadRepo(path.join(FIXTURES, 'plan/dependency-cycle/ok'));
    const cyclic = loadRepo(path.join(FIXTURES, 'plan/dependency-cycle/not-ok'));
    for (const entry of clean.plans.values()) expect(new LintFacts(clean).stepProblems(entry)).toBeNull();
    const facts = new LintFacts(cyclic);
    const problems = [...cyclic.plans.values()].map((e) => facts.stepProblems(e)).filter((g) => g !== null);
    expect(problems.map((g) => g.cycles.length)).toContainEqual(expect.any(Number));
    expect(problems.every((g) => g.cycles.length + g.unknown.length > 0)).toBe(true);
    expect(problems.length).toBeGreaterThan(0);
  });
});
