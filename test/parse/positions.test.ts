import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan, SubStep } from '../../src/model/plan.js';
import type { Positions } from '../../src/model/parsed.js';
import { parsePlan } from '../../src/parse/plan.js';
import { renderPlan } from '../../src/render/plan.js';
import { corpus, markdownFiles } from '../support/corpus.js';
import { planModel } from '../support/plan-arbitrary.js';

/**
 * Every model field a lint rule can point at has a position, and the position is the line that
 * holds it: the title, each header field (and each feature link), each section heading, each
 * step and sub-step heading, its Depends on / Produces / Acceptance criteria fields and their
 * items, each Child Plans row, each plan-level acceptance criterion.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const HEADER_NAMES: Array<[keyof Plan['header'], string]> = [
  ['status', 'Status'],
  ['sourceType', 'Source type'],
  ['source', 'Source'],
  ['author', 'Author'],
  ['approver', 'Approver'],
  ['created', 'Created'],
  ['approved', 'Approved'],
  ['effort', 'Effort'],
  ['impact', 'Impact'],
  ['supersededBy', 'Superseded by'],
];
const SECTIONS: Array<[keyof Plan, string, string]> = [
  ['context', 'context', 'Context'],
  ['acceptanceCriteria', 'acceptance criteria', 'Acceptance criteria'],
  ['steps', 'steps', 'Steps'],
  ['childPlans', 'child plans', 'Child Plans'],
  ['dependencyGraph', 'dependency graph', 'Dependency graph'],
  ['risks', 'risks and open decisions', 'Risks and open decisions'],
  ['outstandingQuestions', 'outstanding questions', 'Outstanding Questions'],
];

/** Assert `positions.get(key)` exists and its line (from its column on) starts with `prefix`. */
function at(lines: string[], positions: Positions, key: string, prefix: string): void {
  const p = positions.get(key);
  expect(p, `no position for ${key}`).toBeDefined();
  expect(p!.line).toBeGreaterThanOrEqual(1);
  expect(p!.column).toBeGreaterThanOrEqual(1);
  expect(
    (lines[p!.line - 1] ?? '').slice(p!.column - 1).startsWith(prefix),
    `${key} → line ${p!.line} "${lines[p!.line - 1]}" should start with "${prefix}"`,
  ).toBe(true);
}

function checkStep(lines: string[], positions: Positions, key: string, s: SubStep, marks: string): void {
  at(lines, positions, key, `${marks} ${s.number}. ${s.title}`);
  if (s.dependsOn !== null) at(lines, positions, `${key}.dependsOn`, '**Depends on:**');
  else expect(positions.get(`${key}.dependsOn`)).toBeUndefined();
  if (s.produces.length) at(lines, positions, `${key}.produces`, '**Produces:**');
  s.produces.forEach((x, k) => at(lines, positions, `${key}.produces.${k}`, `- ${x.split('\n')[0]}`));
  if (s.acceptanceCriteria.length) at(lines, positions, `${key}.acceptanceCriteria`, '**Acceptance criteria:**');
  s.acceptanceCriteria.forEach((x, k) => at(lines, positions, `${key}.acceptanceCriteria.${k}`, `- ${x.split('\n')[0]}`));
  for (const x of s.extraFields) at(lines, positions, `${key}.extra.${x.name}`, `**${x.name}:**`);
}

/** Check every position of a parsed canonical plan against its text. */
function checkPlan(text: string, plan: Plan, positions: Positions): void {
  const lines = text.split('\n');
  at(lines, positions, 'title', '# ');
  at(lines, positions, 'header.features', '**Features:**');
  plan.header.features.forEach((f, k) => at(lines, positions, `header.features.${k}`, `- [${f.text}](${f.href})`));
  for (const [key, name] of HEADER_NAMES) {
    if (plan.header[key] !== null) at(lines, positions, `header.${key}`, `**${name}:**`);
    else expect(positions.get(`header.${key}`), key).toBeUndefined();
  }
  for (const x of plan.header.extra) at(lines, positions, `header.extra.${x.name}`, `**${x.name}:**`);
  for (const [field, key, title] of SECTIONS) {
    if (plan[field] !== null) at(lines, positions, `section.${key}`, `## ${title}`);
  }
  (plan.acceptanceCriteria ?? []).forEach((c, i) => at(lines, positions, `acceptanceCriteria.${i}`, `- ${c.split('\n')[0]}`));
  (plan.steps ?? []).forEach((s, i) => {
    checkStep(lines, positions, `steps.${i}`, s, '###');
    s.subSteps.forEach((sub, j) => checkStep(lines, positions, `steps.${i}.subSteps.${j}`, sub, '####'));
  });
  (plan.childPlans ?? []).forEach((r, i) => {
    at(lines, positions, `childPlans.${i}`, '|');
    expect(lines[positions.get(`childPlans.${i}`)!.line - 1]).toContain(`[${r.plan.text}](${r.plan.href})`);
  });
}

describe('positions of model fields', () => {
  it('every field of generated canonical plans points at its own line', () => {
    fc.assert(
      fc.property(planModel, (model) => {
        const text = renderPlan(model);
        const { plan, positions } = parsePlan(text);
        checkPlan(text, plan, positions);
      }),
      { seed: 20260316, numRuns: process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 500 },
    );
  });

  SYNCHESTRA.it('the canonical corpus plans have a position for every field', () => {
    for (const p of ['chat-feature', 'chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine', 'superpowers-integration']) {
      const text = readFileSync(path.join(SYNCHESTRA.root, 'spec/plans', p, 'README.md'), 'utf8');
      const { plan, positions } = parsePlan(text);
      checkPlan(text, plan, positions);
    }
    const { positions } = parsePlan(readFileSync(path.join(SYNCHESTRA.root, 'spec/plans/chat-feature/chat-infrastructure/README.md'), 'utf8'));
    expect(positions.get('steps.4')).toEqual({ line: 102, column: 1 });
    expect(positions.get('steps.4.dependsOn')).toEqual({ line: 106, column: 1 });
    expect(positions.get('header.status')).toEqual({ line: 3, column: 1 });
    expect(positions.get('header.features.0')).toEqual({ line: 5, column: 3 });
  });

  SYNCHESTRA.it('every step of every corpus plan, written canonically or not, has a position, and so do its fields', () => {
    for (const f of markdownFiles(SYNCHESTRA.root, 'spec/plans')) {
      const text = readFileSync(path.join(SYNCHESTRA.root, f), 'utf8');
      const { plan, positions } = parsePlan(text);
      (plan.steps ?? []).forEach((s, i) => {
        const steps = [[`steps.${i}`, s] as const, ...s.subSteps.map((x, j) => [`steps.${i}.subSteps.${j}`, x] as const)];
        for (const [key, step] of steps) {
          expect(positions.get(key), `${f} ${key}`).toBeDefined();
          if (step.dependsOn !== null) expect(positions.get(`${key}.dependsOn`), `${f} ${key}.dependsOn`).toBeDefined();
          step.acceptanceCriteria.forEach((_, k) => expect(positions.get(`${key}.acceptanceCriteria.${k}`), `${f} ${key} criterion ${k}`).toBeDefined());
        }
      });
      (plan.acceptanceCriteria ?? []).forEach((_, k) => expect(positions.get(`acceptanceCriteria.${k}`), `${f} criterion ${k}`).toBeDefined());
      if (plan.title) expect(positions.get('title'), f).toBeDefined();
    }
  });
});
