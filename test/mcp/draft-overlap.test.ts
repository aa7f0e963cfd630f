import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, connectInMemory, type Connected } from '../support/mcp-helpers.js';
import { loadRecording } from '../support/msw.js';
import { snapshot } from '../support/llm-fixture-repo.js';
import { OVERLAP_LINE, overlapRepo } from '../support/overlap-repo.js';

/** The recorded Anthropic draft, sent back by this client's model through sampling. */
const REPLY = JSON.stringify((loadRecording('anthropic/draft-valid').exchanges[0]!.response.body as { content: Array<{ input: unknown }> }).content[0]!.input);

let root: string;
let c: Connected;
const saved = { a: process.env.ANTHROPIC_API_KEY, o: process.env.OPENAI_API_KEY };

beforeAll(async () => {
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.OPENAI_API_KEY;
  root = overlapRepo();
  const client = new Client({ name: 'sampling-client', version: '1.0.0' }, { capabilities: { sampling: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({
    model: 'client-model-1',
    role: 'assistant',
    content: { type: 'text', text: REPLY },
    stopReason: 'endTurn',
  }));
  c = await connectInMemory(root, { client });
});
afterAll(async () => {
  await c?.close();
  if (saved.a !== undefined) process.env.ANTHROPIC_API_KEY = saved.a;
  if (saved.o !== undefined) process.env.OPENAI_API_KEY = saved.o;
});

describe('draft_plan and open plans of the same feature', () => {
  it('refuses a draft that repeats an open plan’s steps, naming both steps and the allowOverlap argument; nothing written', async () => {
    const before = snapshot(root);
    const res = await call(c.client, 'draft_plan', { feature: 'cli', slug: 'cli-batch' });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/the draft repeats steps of an open plan of the same feature \(batch-runner\); nothing was written/i);
    expect(res.text).toContain(OVERLAP_LINE);
    expect(res.text).toContain('"allowOverlap"');
    expect(res.text).not.toContain('--allow-overlap');
    expect(snapshot(root)).toEqual(before);
  });

  it('allowOverlap: true writes the draft and reports the overlap', async () => {
    const out = await callOk<{ written: string[]; overlaps: string[] }>(c.client, 'draft_plan', { feature: 'cli', slug: 'cli-batch', allowOverlap: true });
    expect(out.overlaps).toEqual([OVERLAP_LINE]);
    expect(out.written).toContain('spec/plans/cli-batch/README.md');
    expect(existsSync(path.join(root, 'spec/plans/cli-batch/README.md'))).toBe(true);
  });

  it('write_plan holds a new plan given as plan_draft to the same rule: refused naming the steps, written with allowOverlap', async () => {
    const before = snapshot(root);
    const draft = JSON.parse(REPLY) as Record<string, unknown>;
    const res = await call(c.client, 'write_plan', { plan: 'cli-saved', document: draft, feature: 'cli' });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/repeats steps of open plans of the same feature \(batch-runner, cli-batch\); nothing was written/);
    expect(res.text).toContain(OVERLAP_LINE.replace(/^cli-batch /, 'cli-saved '));
    expect(snapshot(root)).toEqual(before);
    const ok = await callOk<{ created: boolean }>(c.client, 'write_plan', { plan: 'cli-saved', document: draft, feature: 'cli', allowOverlap: true });
    expect(ok.created).toBe(true);
  });

  it('the input schema stays strict: an unknown spelling of the flag is refused', async () => {
    const res = await call(c.client, 'draft_plan', { feature: 'cli', slug: 'cli-batch-2', allow_overlap: true, dryRun: true });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/allow_overlap/);
  });
});
