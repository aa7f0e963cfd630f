import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { PlanSchema } from '../../src/model/plan-schema.js';
import { parsePlan } from '../../src/parse/plan.js';
import { renderPlan } from '../../src/render/plan.js';
import { corpus } from '../support/corpus.js';
import { planModel } from '../support/plan-arbitrary.js';

/**
 * Canonical renderer and parser are inverses: parse(render(m)) deep-equals m for every plan
 * model the layout can carry (restrictions are documented in plan-arbitrary.ts), and a
 * canonical document renders back byte for byte. Fixed seed for deterministic CI; FC_SEED /
 * FC_RUNS explore further.
 */
const SYNCHESTRA = corpus('synchestra-spec');
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260315;
const numRuns = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 500;

describe('plan round trip', () => {
  it('parse(render(m)) deep-equals m, and the rendering is a fixed point', () => {
    fc.assert(
      fc.property(planModel, (model) => {
        expect(PlanSchema.safeParse(model).success).toBe(true);
        const markdown = renderPlan(model);
        const parsed = parsePlan(markdown);
        expect(parsed.plan).toEqual(model);
        expect(renderPlan(parsed.plan)).toBe(markdown);
        // Canonical documents read without any finding.
        expect(parsed.findings).toEqual([]);
      }),
      { seed, numRuns },
    );
  });

  SYNCHESTRA.it('renders the same model to byte-identical text every time', () => {
    fc.assert(
      fc.property(planModel, (model) => {
        expect(renderPlan(structuredClone(model))).toBe(renderPlan(model));
      }),
      { seed, numRuns: 100 },
    );
  });

  it.each(['chat-feature', 'chat-feature/chat-infrastructure', 'chat-feature/chat-workflow-engine', 'superpowers-integration'])(
    'corpus plan %s is canonical: it renders back byte for byte',
    (planPath) => {
      const text = readFileSync(path.join(SYNCHESTRA.root, 'spec/plans', planPath, 'README.md'), 'utf8');
      expect(renderPlan(parsePlan(text).plan)).toBe(text);
    },
  );

  SYNCHESTRA.it('keeps the distinctions the model makes: null vs empty, (none) vs no field, empty field values', () => {
    const base = parsePlan(readFileSync(path.join(SYNCHESTRA.root, 'spec/plans/chat-feature/chat-infrastructure/README.md'), 'utf8')).plan;
    const steps = base.steps!.slice(0, 2).map((s) => ({ ...s, subSteps: [] }));
    const model: Plan = {
      ...base,
      header: { ...base.header, author: '', approver: null, supersededBy: { text: 'next', href: '../next/' }, extra: [{ name: 'Owner', value: '' }] },
      context: '',
      acceptanceCriteria: [],
      steps: [
        { ...steps[0]!, dependsOn: null, produces: [], acceptanceCriteria: [] },
        {
          ...steps[1]!,
          dependsOn: [],
          subSteps: [{ number: '2.1', title: 'Sub', body: '', dependsOn: ['1', 'setup'], produces: [], acceptanceCriteria: ['x'], extraFields: [] }],
        },
      ],
      risks: null,
    };
    const markdown = renderPlan(model);
    expect(markdown).toContain('**Author:**\n');
    expect(markdown).toContain('**Owner:**\n');
    expect(markdown).toContain('**Depends on:** (none)');
    expect(markdown).toContain('**Depends on:** Step 1, setup');
    expect(markdown).toContain('**Superseded by:** [next](../next/)\n\n## Context\n\n## Acceptance criteria\n\n## Steps');
    expect(markdown).not.toContain('## Risks');
    const back = parsePlan(markdown).plan;
    expect(back.header.author).toBe('');
    expect(back.header.approver).toBeNull();
    expect(back.context).toBe('');
    expect(back.acceptanceCriteria).toEqual([]);
    expect(back.risks).toBeNull();
    expect(back.steps!.map((s) => s.dependsOn)).toEqual([null, []]);
    expect(back.steps![1]!.subSteps[0]!.dependsOn).toEqual(['1', 'setup']);
  });
});
