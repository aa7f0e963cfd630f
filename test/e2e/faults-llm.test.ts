/**
 * LLM provider faults through `specplan draft`: down (connection refused, a real closed port and
 * a real process with no msw), slow (timeout), rate-limited (429, retried), and garbage (HTML,
 * truncated JSON, wrong shapes). Each ends in a clear error (exit 1) or a validated plan; never a
 * partial write, never a stack trace.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMsw, type Recording } from '../support/msw.js';
import { runCli } from '../support/cli.js';
import { buildAll, diffSnapshots, isCleanError, makeArena, run, snapshot, write, type Arena, type Built } from '../support/hardening-helpers.js';

const msw = useMsw();
const arenas: Arena[] = [];
afterAll(() => arenas.forEach((a) => a.cleanup()));

const URL_ANTHROPIC = 'https://api.anthropic.com/v1/messages';
const DRAFT = (root: string) => ['draft', '--root', root, '--feature', 'cli', '--slug', 'cli-batch', '--date', '2026-04-01'];
const KEY = { ANTHROPIC_API_KEY: 'sk-ant-test', SPECPLAN_LLM_MAX_RETRIES: '0' };

function arena(): Arena {
  const a = makeArena({ git: false, symlinks: false });
  write(a.root, 'specscore.yaml', 'planning:\n  llm:\n    provider: auto\n    max_attempts: 2\n');
  arenas.push(a);
  return a;
}

function garbage(description: string, bodies: Array<{ status: number; body: unknown; headers?: Record<string, string> }>): Recording {
  return {
    description,
    exchanges: bodies.map((b) => ({
      request: { method: 'POST', url: URL_ANTHROPIC },
      response: { status: b.status, headers: b.headers ?? { 'content-type': 'application/json' }, body: b.body },
    })),
  };
}

const TOOL_REPLY = (input: unknown) => ({
  id: 'msg_01Garbage',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [{ type: 'tool_use', id: 'toolu_01Garbage', name: 'plan_draft', input }],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 100, output_tokens: 10 },
});

describe('LLM provider faults end in a clear error and no write', () => {
  it('slow: a reply after the timeout is a timeout error naming SPECPLAN_LLM_TIMEOUT_MS', async () => {
    const a = arena();
    const before = snapshot(a.base);
    const replay = msw.replay('anthropic/timeout');
    const r = await runCli(DRAFT(a.root), { ...KEY, SPECPLAN_LLM_TIMEOUT_MS: '200' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/timed out/);
    expect(r.stderr).toContain('SPECPLAN_LLM_TIMEOUT_MS');
    expect(isCleanError(r)).toBe(true);
    expect(diffSnapshots(before, snapshot(a.base))).toEqual([]);
    expect(replay.calls).toHaveLength(1);
  });

  it('rate-limited: HTTP 429 is retried after retry-after-ms and the draft is written', async () => {
    const a = arena();
    const replay = msw.replay('anthropic/rate-limit-then-success');
    const r = await runCli(DRAFT(a.root), { ANTHROPIC_API_KEY: 'sk-ant-test', SPECPLAN_LLM_MAX_RETRIES: '2' });
    replay.assertDone();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('spec/plans/cli-batch/README.md');
  });

  it('rate-limited with no retries left: a clear error, nothing written', async () => {
    const a = arena();
    const before = snapshot(a.base);
    msw.replay(garbage('429 only', [{ status: 429, body: null, headers: { 'retry-after-ms': '10', 'x-should-retry': 'false' } }]));
    const r = await runCli(DRAFT(a.root), KEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/429|rate/i);
    expect(isCleanError(r)).toBe(true);
    expect(diffSnapshots(before, snapshot(a.base))).toEqual([]);
  });

  const GARBAGE: Array<[string, Recording]> = [
    [
      'an HTML error page with status 200',
      garbage('html', [{ status: 200, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } }]),
    ],
    ['truncated JSON', garbage('truncated', [{ status: 200, body: '{"id":"msg_01","type":"message","content":[{"type":"tool_use","inp' }])],
    [
      'a message with no content blocks',
      garbage('empty', [
        { status: 200, body: { ...TOOL_REPLY({}), content: [] } },
        { status: 200, body: { ...TOOL_REPLY({}), content: [] } },
      ]),
    ],
    [
      'a tool input of the wrong shape on every attempt',
      garbage('shape', [
        { status: 200, body: TOOL_REPLY({ title: 42, steps: 'all of them' }) },
        { status: 200, body: TOOL_REPLY(['not', 'an', 'object']) },
      ]),
    ],
    ['HTTP 500 with a JSON error', garbage('500', [{ status: 500, body: null, headers: { 'x-should-retry': 'false' } }])],
  ];
  it('garbage from OpenAI: an HTML page with status 200 → exit 1, one clear message, nothing written', async () => {
    const a = arena();
    write(a.root, 'specscore.yaml', 'planning:\n  llm:\n    provider: openai\n    max_attempts: 2\n');
    const before = snapshot(a.base);
    msw.replay({
      description: 'html',
      exchanges: [
        {
          request: { method: 'POST', url: 'https://api.openai.com/v1/chat/completions' },
          response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>upstream down</html>' },
        },
      ],
    });
    const r = await runCli(DRAFT(a.root), { OPENAI_API_KEY: 'sk-test', SPECPLAN_LLM_MAX_RETRIES: '0' });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('not a chat completion');
    expect(isCleanError(r), r.stderr).toBe(true);
    expect(diffSnapshots(before, snapshot(a.base))).toEqual([]);
  });

  for (const [name, rec] of GARBAGE) {
    it(`garbage: ${name} → exit 1, one clear message, nothing written`, async () => {
      const a = arena();
      const before = snapshot(a.base);
      msw.replay(rec);
      const r = await runCli(DRAFT(a.root), KEY);
      expect(r.code, r.stderr).toBe(1);
      expect(isCleanError(r), r.stderr).toBe(true);
      expect(diffSnapshots(before, snapshot(a.base))).toEqual([]);
    });
  }
});

describe('provider down: a real process against a closed port on 127.0.0.1', () => {
  let built: Built;
  let port = 0;
  beforeAll(async () => {
    built = buildAll();
    // Take a free port and close it again: nothing listens there.
    port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
  }, 120_000);

  it('connection refused → exit 1 with a clear message, nothing written', async () => {
    const a = arena();
    write(a.root, 'specscore.yaml', 'planning:\n  llm:\n    provider: openai\n    max_attempts: 2\n');
    const before = snapshot(a.base);
    const env = {
      PATH: process.env.PATH,
      HOME: a.base,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      SPECPLAN_LLM_MAX_RETRIES: '1',
      SPECPLAN_LLM_TIMEOUT_MS: '3000',
      // As everywhere in the suite (vitest.config.ts): no document cache, so "nothing written" is exact.
      SPECPLAN_CACHE: '0',
    };
    const r = await run(built.specplan, DRAFT(a.root), { env, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/connect|connection|reach|refused|network/i);
    expect(isCleanError(r), r.stderr).toBe(true);
    expect(diffSnapshots(before, snapshot(a.base))).toEqual([]);
  }, 60_000);
});
