import { describe, expect, it } from 'vitest';
import { canonicalJson, loadRecording, requestKey, subsetMismatch, useMsw, type Recording } from '../support/msw.js';

const msw = useMsw();
const URL_ = 'https://api.example.test/v1/things';
const post = (body: unknown) =>
  fetch(URL_, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer secret' }, body: JSON.stringify(body) });

const rec = (bodies: unknown[]): Recording => ({
  description: 'test',
  exchanges: bodies.map((b, i) => ({ request: { method: 'POST', url: URL_, body: b }, response: { status: 200, body: { n: i } } })),
});

describe('the msw record/replay helper', () => {
  it('keys requests by method, host, path and canonical JSON body', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}');
    expect(requestKey('post', URL_, { a: 1, b: 2 })).toBe(requestKey('POST', URL_, { b: 2, a: 1 }));
    expect(requestKey('POST', URL_, { a: 1 })).not.toBe(requestKey('POST', URL_, { a: 2 }));
    expect(requestKey('POST', URL_, { a: 1 })).not.toBe(requestKey('POST', 'https://other.test/v1/things', { a: 1 }));
  });

  it('keyed mode answers exact bodies only; anything else is a problem that fails assertDone', async () => {
    const replay = msw.replay(rec([{ q: 'one' }, { q: 'two' }]), 'keyed');
    expect(await (await post({ q: 'two' })).json()).toEqual({ n: 1 });
    const miss = await post({ q: 'three' });
    expect(miss.status).toBe(400);
    expect(miss.headers.get('x-should-retry')).toBe('false');
    expect(() => replay.assertDone()).toThrow(/has no recorded answer \(key [0-9a-f]{16}\)/);
  });

  it('sequence mode checks each request against its recorded subset and redacts secrets', async () => {
    const replay = msw.replay(rec([{ model: 'm' }, { model: 'm', tools: [{ name: 't' }] }]));
    expect((await post({ model: 'm', extra: true })).status).toBe(200);
    expect((await post({ model: 'm', tools: [{ name: 'other' }] })).status).toBe(400);
    expect(replay.problems[0]).toContain('$.tools[0].name: expected "t", got "other"');
    expect(replay.calls[0]!.headers.authorization).toBe('<redacted>');
    expect(replay.calls[0]!.body).toEqual({ model: 'm', extra: true });
  });

  it('an exchange that is never requested fails assertDone', async () => {
    const replay = msw.replay(rec([{ a: 1 }, { a: 1 }]));
    await post({ a: 1 });
    expect(() => replay.assertDone()).toThrow('1 recorded exchange(s) were never requested');
  });

  it('a request to a host without a recording fails (onUnhandledRequest: error)', async () => {
    msw.replay(rec([{ a: 1 }]));
    await expect(fetch('https://unrecorded.example.test/x')).rejects.toThrow();
  });

  it('subset matching: objects by listed keys, arrays by length and element', () => {
    expect(subsetMismatch({ a: 1 }, { a: 1, b: 2 })).toBeNull();
    expect(subsetMismatch([{ role: 'user' }], [{ role: 'user', content: 'x' }])).toBeNull();
    expect(subsetMismatch([{ role: 'user' }], [])).toBe('$: expected 1 items, got 0');
    expect(subsetMismatch({ a: { b: null } }, { a: { b: 0 } })).toBe('$.a.b: expected null, got 0');
  });

  it('every recording in recordings/ loads and has real wire shapes', () => {
    const names = [
      'anthropic/draft-valid',
      'anthropic/repair-refusal',
      'anthropic/rate-limit-then-success',
      'openai/repair-truncated',
      'openai/repair-refusal',
    ];
    for (const n of names) expect(loadRecording(n).exchanges.length).toBeGreaterThan(0);
    const msg = loadRecording('anthropic/draft-valid').exchanges[0]!.response.body as {
      type: string;
      content: Array<{ type: string; name: string; input: unknown }>;
      stop_reason: string;
      usage: { input_tokens: number; output_tokens: number };
    };
    expect(msg.type).toBe('message');
    expect(msg.content[0]).toMatchObject({ type: 'tool_use', name: 'plan_draft' });
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    const refusal = loadRecording('openai/repair-refusal').exchanges[0]!.response.body as {
      choices: Array<{ message: { content: null; refusal: string }; finish_reason: string }>;
    };
    expect(refusal.choices[0]!.message.content).toBeNull();
    expect(refusal.choices[0]!.message.refusal).toBeTruthy();
    const cut = loadRecording('openai/repair-truncated').exchanges[0]!.response.body as { choices: Array<{ finish_reason: string }> };
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(loadRecording('anthropic/rate-limit-then-success').exchanges[0]!.response).toMatchObject({ status: 429, body: null });
  });
});
