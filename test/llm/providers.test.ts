import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StructuredOutputError, LlmRequestError } from '../../src/generation/errors.js';
import { parseJsonReply, strictModeProblems, toProviderJsonSchema } from '../../src/generation/json-schema.js';
import { DEFAULT_CALL_LIMITS, withLimits } from '../../src/llm/limits.js';
import type { LlmProvider } from '../../src/generation/provider.js';
import { samplingProvider, type SamplingFn } from '../../src/llm/sampling.js';
import { createProvider, resolveLimits, resolveProviderName } from '../../src/llm/select.js';
import { generateStructured } from '../../src/generation/structured.js';
import { UsageTracker } from '../../src/generation/usage.js';
import { formatUsage } from '../../src/render/usage.js';
import { promptFiles } from '../../src/repo/prompt-files.js';
import { EffortImpactSuggestionSchema, PlanDraftSchema } from '../../src/model/draft.js';
import { UsageError } from '../../src/model/errors.js';
import { useMsw } from '../support/msw.js';

const msw = useMsw();
const LLM = { provider: 'auto' as const, model: '', max_attempts: 3 };

describe('provider selection (CONTRACTS.md)', () => {
  it('auto: anthropic key first, then openai key, then sampling when offered, else none', () => {
    expect(resolveProviderName({ env: { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o' } })).toBe('anthropic');
    expect(resolveProviderName({ env: { OPENAI_API_KEY: 'o' } })).toBe('openai');
    const sampling: SamplingFn = async () => ({ text: '{}', model: 'client' });
    expect(resolveProviderName({ env: {}, sampling })).toBe('sampling');
    expect(resolveProviderName({ env: {} })).toBe('none');
  });

  it('the flag wins over planning.llm.provider, which wins over auto', () => {
    const env = { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o' };
    expect(resolveProviderName({ env, config: { ...LLM, provider: 'openai' } })).toBe('openai');
    expect(resolveProviderName({ env, flag: 'none', config: { ...LLM, provider: 'openai' } })).toBe('none');
    expect(() => resolveProviderName({ env, flag: 'gemini' })).toThrow(UsageError);
  });

  it('an explicit provider without its key, or sampling outside MCP, is a usage error', async () => {
    await expect(createProvider({ flag: 'anthropic', env: {} })).rejects.toThrow('needs ANTHROPIC_API_KEY');
    await expect(createProvider({ flag: 'openai', env: {} })).rejects.toThrow('needs OPENAI_API_KEY');
    await expect(createProvider({ flag: 'sampling', env: {} })).rejects.toThrow('only available inside the MCP server');
  });

  it('model: flag, then planning.llm.model, then the provider default', async () => {
    const env = { ANTHROPIC_API_KEY: 'a' };
    expect((await createProvider({ env })).provider.model).toBe('claude-sonnet-4-6');
    expect((await createProvider({ env, config: { ...LLM, model: 'claude-opus-4-7' } })).provider.model).toBe('claude-opus-4-7');
    expect((await createProvider({ env, model: 'claude-haiku-4-5', config: { ...LLM, model: 'claude-opus-4-7' } })).provider.model).toBe('claude-haiku-4-5');
    expect((await createProvider({ env: { OPENAI_API_KEY: 'o' } })).provider.model).toBe('gpt-4.1-mini');
  });

  it('call limits from the environment, with overrides; bad values are usage errors', () => {
    expect(resolveLimits({})).toEqual(DEFAULT_CALL_LIMITS);
    expect(
      resolveLimits({ SPECPLAN_LLM_TIMEOUT_MS: '500', SPECPLAN_LLM_MAX_RETRIES: '0', SPECPLAN_LLM_CONCURRENCY: '2', SPECPLAN_LLM_DEADLINE_MS: '9000' }),
    ).toEqual({
      timeoutMs: 500,
      maxRetries: 0,
      concurrency: 2,
      deadlineMs: 9000,
    });
    expect(resolveLimits({ SPECPLAN_LLM_TIMEOUT_MS: '500' }, { timeoutMs: 9 }).timeoutMs).toBe(9);
    expect(() => resolveLimits({ SPECPLAN_LLM_MAX_RETRIES: 'lots' })).toThrow(UsageError);
  });

  it('the none provider never touches the network', async () => {
    const { provider } = await createProvider({ flag: 'none', env: {} });
    await expect(provider.complete({ system: '', messages: [], schema: { name: 'x', jsonSchema: {} } })).rejects.toThrow('provider is "none"');
  });
});

describe('JSON Schema sent to providers', () => {
  it('z.toJSONSchema keeps every plan property and is OpenAI-strict compatible', () => {
    const json = toProviderJsonSchema(PlanDraftSchema);
    expect(json.$schema).toBeUndefined();
    expect(Object.keys(json.properties as object)).toHaveLength(8);
    expect(strictModeProblems(json)).toEqual([]);
    expect(strictModeProblems(toProviderJsonSchema(EffortImpactSuggestionSchema))).toEqual([]);
    const effort = (json.properties as Record<string, { anyOf: Array<{ enum?: string[] }> }>).effort!;
    expect(effort.anyOf[0]!.enum).toEqual(['S', 'M', 'L', 'XL']);
  });

  it('finds what strict mode would reject, and refuses an empty schema', () => {
    expect(strictModeProblems(toProviderJsonSchema(z.object({ a: z.string().optional() })))).toEqual([
      '$.a is optional; strict mode needs it required (use .nullable())',
    ]);
    expect(() => toProviderJsonSchema(z.object({}))).toThrow('no properties');
  });

  it('parses bare and fenced JSON replies and explains malformed ones', () => {
    expect(parseJsonReply('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    const bad = parseJsonReply('{"a":');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/not valid JSON/);
  });
});

describe('usage tracking and the concurrency cap', () => {
  it('records every call through the real SDK', async () => {
    msw.replay('anthropic/suggest');
    const { provider, usage } = await createProvider({ flag: 'anthropic', env: { ANTHROPIC_API_KEY: 'k' } });
    const res = await generateStructured({
      prompts: promptFiles(),
      provider,
      schema: EffortImpactSuggestionSchema,
      schemaName: 'effort_impact',
      system: 's',
      prompt: 'p',
      maxAttempts: 1,
    });
    expect(res.value.effort).toBe('L');
    expect(usage.totals()).toEqual({ llmCalls: 1, inputTokens: 1710, outputTokens: 96 });
    expect(usage.calls[0]).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-6', purpose: 'effort_impact' });
    expect(formatUsage(usage.totals())).toBe('usage: 1 LLM call, 1,710 input tokens, 96 output tokens');
  });

  it('p-limit caps concurrent calls', async () => {
    let running = 0;
    let peak = 0;
    const slow: LlmProvider = {
      name: 'sampling',
      model: 'm',
      async complete() {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { text: '{}', json: {}, stopReason: 'end', usage: { inputTokens: 1, outputTokens: 1 }, model: 'm' };
      },
    };
    const tracker = new UsageTracker();
    const limited = withLimits(slow, { ...DEFAULT_CALL_LIMITS, concurrency: 2 }, tracker);
    await Promise.all(Array.from({ length: 7 }, () => limited.complete({ system: '', messages: [], schema: { name: 'x', jsonSchema: {} } })));
    expect(peak).toBe(2);
    expect(tracker.totals().llmCalls).toBe(7);
  });
});

describe('MCP sampling provider and the generic repair loop', () => {
  const Prose = z.strictObject({ reasoning: z.string(), questions: z.array(z.string()) });

  it('puts the JSON Schema in the system prompt, estimates usage and repairs with the exact errors', async () => {
    const seen: Array<{ system: string; last: string }> = [];
    const replies = [
      'Sure! Here you go: reasoning is fine',
      '{"reasoning": 3, "questions": []}',
      '```json\n{"reasoning":"Unblocks two plans.","questions":[]}\n```',
    ];
    const sample: SamplingFn = async ({ system, messages }) => {
      seen.push({ system, last: messages.at(-1)!.content });
      return { text: replies[seen.length - 1]!, model: 'client-model', stopReason: 'endTurn' };
    };
    const tracker = new UsageTracker();
    const provider = withLimits(samplingProvider(sample, DEFAULT_CALL_LIMITS), DEFAULT_CALL_LIMITS, tracker);
    const res = await generateStructured({
      prompts: promptFiles(),
      provider,
      schema: Prose,
      schemaName: 'report_prose',
      system: 'Write prose.',
      prompt: 'Explain.',
      maxAttempts: 3,
      validate: (v) => (v.reasoning.length > 200 ? ['reasoning: too long'] : []),
    });
    expect(res.value.reasoning).toBe('Unblocks two plans.');
    expect(res.attempts.map((a) => a.errors.length > 0)).toEqual([true, true, false]);
    expect(seen[0]!.system).toContain('"reasoning"');
    expect(seen[1]!.last).toContain('the reply is not valid JSON');
    expect(seen[2]!.last).toContain('reasoning: Invalid input: expected string, received number');
    expect(seen[2]!.last).toContain('attempt 3 of 3');
    expect(tracker.estimated).toBe(true);
    expect(tracker.totals().llmCalls).toBe(3);
  });

  it('after the last attempt throws StructuredOutputError with evidence (raw text, issues, usage)', async () => {
    const sample: SamplingFn = async () => ({ text: '{"reasoning":"x","questions":[],"extra":1}', model: 'client' });
    const provider = samplingProvider(sample, DEFAULT_CALL_LIMITS);
    const err = await generateStructured({
      prompts: promptFiles(),
      provider,
      schema: Prose,
      schemaName: 'report_prose',
      system: 's',
      prompt: 'p',
      maxAttempts: 2,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StructuredOutputError);
    const e = err as StructuredOutputError;
    expect(e.kind).toBe('problem');
    expect(e.attempts).toHaveLength(2);
    expect(e.issues).toEqual(['(root): Unrecognized key: "extra"']);
    expect(e.rawText).toContain('"extra":1');
    expect(e.usage.llmCalls).toBe(2);
  });

  it('a sampling client that does not answer in time is a clear error', async () => {
    const sample: SamplingFn = ({ signal }) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const provider = samplingProvider(sample, { ...DEFAULT_CALL_LIMITS, timeoutMs: 50 });
    const err = await provider
      .complete({ system: '', messages: [{ role: 'user', content: 'x' }], schema: { name: 'x', jsonSchema: {} } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect((err as Error).message).toContain('did not answer the sampling request within 0 s');
  });

  it('maps max_tokens and refusal stop reasons', async () => {
    const cut: SamplingFn = async () => ({ text: '{"reasoning":"x', model: 'c', stopReason: 'maxTokens' });
    const err = await generateStructured({
      prompts: promptFiles(),
      provider: samplingProvider(cut, DEFAULT_CALL_LIMITS),
      schema: Prose,
      schemaName: 'report_prose',
      system: 's',
      prompt: 'p',
      maxAttempts: 1,
    }).catch((e: unknown) => e);
    expect((err as StructuredOutputError).issues[0]).toMatch(/cut off at the output limit/);
  });
});
