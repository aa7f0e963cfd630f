import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonReply } from '../../src/generation/json-schema.js';
import { generateStructured } from '../../src/generation/structured.js';
import { samplingProvider } from '../../src/llm/sampling.js';
import { DEFAULT_CALL_LIMITS } from '../../src/llm/limits.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { useMsw } from '../support/msw.js';
import { makeRepo } from '../support/llm-fixture-repo.js';
import { runCli } from '../support/cli.js';

const msw = useMsw();
const OPENAI = { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' };
const DRAFT = (root: string) => ['draft', '--root', root, '--feature', 'cli', '--slug', 'cli-batch', '--date', '2026-03-14', '--model', 'llama3.1:8b'];

describe('one JSON value out of a chat reply', () => {
  it('takes the fenced or the one embedded object, and says it was extracted', () => {
    expect(parseJsonReply('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('Sure! Here is the plan:\n```json\n{"a":1}\n```\nLet me know.')).toEqual({ ok: true, value: { a: 1 }, extracted: true });
    expect(parseJsonReply('Here you go: {"a":"}{","b":[1,{"c":2}]} — done.')).toEqual({ ok: true, value: { a: '}{', b: [1, { c: 2 }] }, extracted: true });
  });

  it('refuses two objects, HTML pages and garbage with a sentence saying what is expected', () => {
    expect(parseJsonReply('{"a":1} or {"a":2}')).toEqual({ ok: false, error: 'the reply holds 2 JSON objects; expected exactly one, with no text around it' });
    expect(parseJsonReply('<!DOCTYPE html><html><body>Login</body></html>')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/HTML or XML page, not JSON/),
    });
    expect(parseJsonReply('no json here')).toMatchObject({ ok: false, error: expect.stringMatching(/expected one complete JSON object/) });
  });

  it('MCP sampling: a reply with the JSON inside chat text is accepted on the first attempt', async () => {
    const replies = ['Sure! Here is the estimate:\n\n```json\n{"effort":"M","reason":"three steps"}\n```\n\nAnything else?'];
    const provider = samplingProvider(async () => ({ text: replies.shift()!, model: 'client-model', stopReason: 'endTurn' }), DEFAULT_CALL_LIMITS);
    const res = await generateStructured({
      provider,
      prompts: promptFiles(),
      schema: z.object({ effort: z.enum(['S', 'M', 'L', 'XL']), reason: z.string() }),
      schemaName: 'estimate',
      system: 'Estimate.',
      prompt: 'Plan: three steps.',
      maxAttempts: 3,
    });
    expect(res.value).toEqual({ effort: 'M', reason: 'three steps' });
    expect(res.attempts).toHaveLength(1);
  });
});

describe('OpenAI-compatible servers without json_schema', () => {
  it('falls back to json_object and says so', async () => {
    const root = makeRepo();
    const replay = msw.replay('openai/no-json-schema');
    const run = await runCli(DRAFT(root), OPENAI);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect((replay.calls[1]!.body as { messages: Array<{ content: string }> }).messages[0]!.content).toContain('follows this JSON Schema');
    expect(replay.calls).toHaveLength(2); // the refused request is not a model call: usage counts 1
    expect(run.stderr).toContain('JSON obtained by json_object (the server has no json_schema)');
  });

  it('falls back to no response format and extracts the JSON from chat text, and says so', async () => {
    const root = makeRepo();
    const replay = msw.replay('openai/no-response-format');
    const run = await runCli(DRAFT(root), OPENAI);
    expect(run.code, run.stderr).toBe(0);
    replay.assertDone();
    expect(replay.calls[2]!.body).not.toHaveProperty('response_format');
    expect(run.stderr).toContain('JSON obtained by extraction from chat text (the server has no json_schema or json_object)');
  });
});
