import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, CreateMessageRequestSchema, type CreateMessageRequest } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, makeRepo, removeRepo, type Connected } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

const DRAFT = {
  title: 'Batch mode for the CLI',
  context: 'The CLI runs one item per call. This plan adds a batch mode reading many items from one file.',
  acceptanceCriteria: ['A batch file with 100 items completes in under 10 seconds'],
  steps: [
    {
      number: '1',
      title: 'Define the batch input schema',
      description: 'Write the JSON Schema for batch files.',
      dependsOn: [],
      produces: ['`batch-input-schema.json` — JSON Schema'],
      acceptanceCriteria: ['Valid examples pass'],
      subSteps: [],
    },
    {
      number: '2',
      title: 'Implement the batch parser',
      description: 'Parse and validate batch files.',
      dependsOn: ['1'],
      produces: [],
      acceptanceCriteria: ['Invalid files are rejected per field'],
      subSteps: [],
    },
    {
      number: '3',
      title: 'Wire the --batch flag',
      description: 'Add the flag to the CLI entry point.',
      dependsOn: ['2'],
      produces: [],
      acceptanceCriteria: ['Help shows --batch'],
      subSteps: [],
    },
  ],
  risks: ['Large files may need streaming'],
  outstandingQuestions: [],
  effort: 'M',
  impact: 'high',
};

let root: string;
let c: Connected;
const requests: CreateMessageRequest['params'][] = [];
let hang = false;
let sawAbort: (() => void) | null = null;
const saved = { a: process.env.ANTHROPIC_API_KEY, o: process.env.OPENAI_API_KEY };

beforeAll(async () => {
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.OPENAI_API_KEY;
  root = makeRepo({ git: false, small: true });
  writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  llm:\n    provider: auto\n');
  const client = new Client({ name: 'sampling-client', version: '1.0.0' }, { capabilities: { sampling: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async (req, extra) => {
    requests.push(req.params);
    if (hang) {
      await new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve()));
      sawAbort?.();
      throw new Error('aborted');
    }
    const prose = String(req.params.systemPrompt ?? '').includes('whats_next_prose');
    const reply = prose ? { reasoning: 'Unblocked plans with high impact and small effort come first.', questions: [] } : DRAFT;
    return { model: 'client-model-1', role: 'assistant', content: { type: 'text', text: JSON.stringify(reply) }, stopReason: 'endTurn' };
  });
  c = await connectInMemory(root, { client });
});
afterAll(async () => {
  await c?.close();
  removeRepo(root);
  if (saved.a !== undefined) process.env.ANTHROPIC_API_KEY = saved.a;
  if (saved.o !== undefined) process.env.OPENAI_API_KEY = saved.o;
});

SYNCHESTRA.describe('MCP sampling as the LLM provider', () => {
  it("draft_plan (configured auto, no API key) drafts with the client's model and reports progress", async () => {
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const res = await c.client.callTool({ name: 'draft_plan', arguments: { feature: 'cli', slug: 'sampled-plan', author: '@dana' } }, CallToolResultSchema, {
      onprogress: (p) => progress.push(p),
    });
    expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    const out = res.structuredContent as { provider: string; model: string; written: string[]; usage: { llmCalls: number } };
    expect(out.provider).toBe('sampling');
    expect(out.model).toBe('client-model-1');
    expect(out.usage.llmCalls).toBe(1);
    expect(out.written).toContain('spec/plans/sampled-plan/README.md');
    const text = readFileSync(path.join(root, 'spec/plans/sampled-plan/README.md'), 'utf8');
    expect(text).toContain('# Plan: Batch mode for the CLI');
    expect(text).toContain('**Author:** @dana');
    // The sampling request carried the spec and the schema instruction.
    const req = requests.at(-1)!;
    expect(req.systemPrompt).toContain('plan_draft');
    expect(JSON.stringify(req.messages)).toContain('cli');
    expect(req.maxTokens).toBeGreaterThan(0);
    // Progress: start, the LLM attempt, writing, done — increasing.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.map((p) => p.progress)).toEqual([...progress.map((p) => p.progress)].sort((a, b) => a - b));
    expect(progress.some((p) => /attempt 1/.test(p.message ?? ''))).toBe(true);
  });

  it("regenerate_whats_next writes its reasoning with the client's model", async () => {
    const before = requests.length;
    const out = await callOk<{ status: string; usage: { llmCalls: number } }>(c.client, 'regenerate_whats_next', { mode: 'full' });
    expect(out.status).toBe('written');
    expect(requests.length).toBeGreaterThan(before);
    expect(out.usage.llmCalls).toBeGreaterThanOrEqual(1);
  });

  it('cancelling the tool call cancels the sampling request, writes nothing, and the server keeps serving', async () => {
    hang = true;
    const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
    const controller = new AbortController();
    const call = c.client.callTool({ name: 'draft_plan', arguments: { feature: 'cli', slug: 'cancelled-plan', provider: 'sampling' } }, CallToolResultSchema, {
      signal: controller.signal,
    });
    while (!requests.some((r) => JSON.stringify(r.messages).includes('cancelled-plan'))) await new Promise((r) => setTimeout(r, 10));
    controller.abort('user cancelled');
    await expect(call).rejects.toThrow();
    await aborted; // the server passed the cancellation on to its own sampling request
    hang = false;
    await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(path.join(root, 'spec/plans/cancelled-plan'))).toBe(false);
    const list = await callOk<{ total: number }>(c.client, 'list_plans');
    expect(list.total).toBeGreaterThan(0);
  });

  it('a client without sampling and no API key is told no model is available, and gets a skeleton only when it asks', async () => {
    const plain = await connectInMemory(root);
    try {
      for (const args of [{}, { provider: 'auto' }]) {
        const res = await call(plain.client, 'draft_plan', { feature: 'api', slug: 'api-skeleton', ...args });
        expect(res.isError, res.text).toBe(true);
        expect(res.text).toMatch(/no model is available/i);
        expect(res.text).toMatch(/draft_plan prompt/);
        expect(res.text).toMatch(/write_plan/);
        expect(existsSync(path.join(root, 'spec/plans/api-skeleton'))).toBe(false);
      }
      const out = await callOk<{ provider: string }>(plain.client, 'draft_plan', { feature: 'api', slug: 'api-skeleton', provider: 'none', dryRun: true });
      expect(out.provider).toBe('none');
    } finally {
      await plain.close();
    }
  });
});
