import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

let root: string;
let c: Connected;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  c = await connectInMemory(root);
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
});

function text(res: { messages: Array<{ content: { type: string; text?: string } }> }): string {
  return res.messages.map((m) => m.content.text ?? '').join('\n');
}

SYNCHESTRA.describe('prompts', () => {
  it('lists draft_plan, review_plan and suggest_effort_impact with their arguments', async () => {
    const { prompts } = await c.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['draft_plan', 'review_plan', 'suggest_effort_impact']);
    const draft = prompts.find((p) => p.name === 'draft_plan')!;
    expect(draft.arguments?.map((a) => a.name).sort()).toEqual(['feature', 'parent', 'proposal', 'slug']);
  });

  it('draft_plan hands over the spec, the conventions and the plan_draft schema, and says how to save', async () => {
    const res = await c.client.getPrompt({ name: 'draft_plan', arguments: { feature: 'cli' } });
    const t = text(res);
    expect(res.messages[0]!.role).toBe('user');
    expect(t).toContain('senior engineer writing a SpecScore development plan');
    expect(t).toContain('spec/plans/cli/README.md');
    expect(t).not.toMatch(/\{\{\w+\}\}/);
    expect(t).toContain('call');
    expect(t).toContain('write_plan');
    expect(t).toContain('plan: "cli"');
    expect(t).toContain('feature: "cli"');
    const schema = JSON.parse(/```json\n(.*)\n```/s.exec(t)![1]!);
    expect(Object.keys(schema.properties).sort()).toEqual([
      'acceptanceCriteria',
      'context',
      'effort',
      'impact',
      'outstandingQuestions',
      'risks',
      'steps',
      'title',
    ]);
  });

  it('a plan_draft written the way the prompt says is accepted by write_plan', async () => {
    const draft = {
      title: 'CLI batch mode',
      context: 'Add a batch mode.',
      acceptanceCriteria: ['Batches of 100 items complete'],
      steps: [
        { number: '1', title: 'Build it', description: 'Build the batch mode.', dependsOn: [], produces: [], acceptanceCriteria: ['It works'], subSteps: [] },
      ],
      risks: [],
      outstandingQuestions: [],
      effort: null,
      impact: null,
    };
    const out = await callOk<{ plan: string; created: boolean }>(c.client, 'write_plan', { plan: 'cli', feature: 'cli', author: '@alex', document: draft });
    expect(out).toMatchObject({ plan: 'cli', created: true });
  });

  it('review_plan includes the plan, its lint findings and the next tools to call', async () => {
    const t = text(await c.client.getPrompt({ name: 'review_plan', arguments: { plan: 'chat-feature/chat-infrastructure' } }));
    expect(t).toContain('# Plan: Chat infrastructure');
    expect(t).toContain('status draft');
    expect(t).toMatch(/write_plan/);
    expect(t).toMatch(/set_plan_status/);
    expect(t).not.toMatch(/\{\{\w+\}\}/);
  });

  it('suggest_effort_impact includes the rule-based estimate and how to record the values', async () => {
    const t = text(await c.client.getPrompt({ name: 'suggest_effort_impact', arguments: { plan: 'approved-plan' } }));
    expect(t).toMatch(/Effort (S|M|L|XL):/);
    expect(t).toMatch(/Impact (low|medium|high|critical):/);
    expect(t).toContain('apply_effort_impact');
  });

  it('bad prompt arguments are errors that name what to pass', async () => {
    await expect(c.client.getPrompt({ name: 'draft_plan', arguments: {} })).rejects.toThrow(/feature.*proposal/);
    await expect(c.client.getPrompt({ name: 'review_plan', arguments: { plan: 'nope' } })).rejects.toThrow(/list_plans/);
  });

  it('completes plan and feature arguments', async () => {
    const plans = await c.client.complete({ ref: { type: 'ref/prompt', name: 'review_plan' }, argument: { name: 'plan', value: 'chat-feature/chat-i' } });
    expect(plans.completion.values).toEqual(['chat-feature/chat-infrastructure']);
    const features = await c.client.complete({ ref: { type: 'ref/prompt', name: 'draft_plan' }, argument: { name: 'feature', value: 'chat/' } });
    expect(features.completion.values).toContain('chat/workflow');
  });
});
