import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEveryTool } from './every-tool.js';
import { BUILT_CLI, makeRepo, removeRepo } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

const TOKEN = 's3cret-token';
let root: string;
let child: ChildProcess;
let url: URL;
let stderr = '';

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build (test/support/global-setup.ts builds it)`);
  root = makeRepo({ small: true });
  // auto: no API key here, so a client with sampling drafts with its own model.
  writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  llm:\n    provider: auto\n');
  const env = { PATH: process.env.PATH ?? '', SPECPLAN_TODAY: '2026-04-01', SPECPLAN_MCP_TOKEN: TOKEN };
  child = spawn(process.execPath, [BUILT_CLI, 'mcp', '--root', root, '--http', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  url = await new Promise<URL>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 50_000);
    child.stderr!.on('data', (d) => {
      stderr += String(d);
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
      if (m) {
        clearTimeout(t);
        resolve(new URL(m[1]!));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  expect(stdout).toBe('');
}, 60_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  removeRepo(root);
});

function connect(client: Client, token: string | null = TOKEN): Promise<void> {
  const transport = new StreamableHTTPClientTransport(url, token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {});
  return client.connect(transport);
}

/** Spawned servers on a busy 2-CPU machine can take several times their usual time. */
const SLOW = 120_000;

SYNCHESTRA.describe('the built server over Streamable HTTP on 127.0.0.1', () => {
  it(
    'binds to the loopback address and logs only to stderr',
    () => {
      expect(url.hostname).toBe('127.0.0.1');
      expect(stderr).toContain('bearer token required');
    },
    SLOW,
  );

  it(
    'serves every tool to the SDK client against a temp copy of a spec repo',
    async () => {
      const client = new Client({ name: 'http-test', version: '1.0.0' });
      await connect(client);
      try {
        await callEveryTool(client);
        expect(readFileSync(path.join(root, 'spec/plans/spawned-plan/README.md'), 'utf8')).toContain('**Status:** in_review');
      } finally {
        await client.close();
      }
    },
    SLOW,
  );

  it(
    'refuses requests without the bearer token, with a message saying what to send',
    async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Authorization: Bearer/);
      const wrong = new Client({ name: 'wrong-token', version: '1.0.0' });
      await expect(connect(wrong, 'nope')).rejects.toThrow();
    },
    SLOW,
  );

  it(
    'refuses a foreign Host header (DNS rebinding) and unknown sessions',
    async () => {
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${TOKEN}` };
      const init = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      };
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: Number(url.port), path: '/mcp', method: 'POST', headers: { ...headers, host: 'evil.example:80' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(init));
      });
      expect(status).toBe(403);
      const stale = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'mcp-session-id': 'no-such-session' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
      });
      expect(stale.status).toBe(404);
    },
    SLOW,
  );

  it(
    'keeps sessions apart and routes sampling to the client that asked',
    async () => {
      const a = new Client({ name: 'sampler', version: '1.0.0' }, { capabilities: { sampling: {} } });
      let asked = 0;
      a.setRequestHandler(CreateMessageRequestSchema, async () => {
        asked++;
        const draft = {
          title: 'HTTP drafted plan',
          context: 'Drafted through MCP sampling over Streamable HTTP.',
          acceptanceCriteria: ['It is written'],
          steps: [{ number: '1', title: 'Do it', description: 'Do the work.', dependsOn: [], produces: [], acceptanceCriteria: ['Done'], subSteps: [] }],
          risks: [],
          outstandingQuestions: [],
          effort: 'S',
          impact: 'low',
        };
        return { model: 'http-client-model', role: 'assistant', content: { type: 'text', text: JSON.stringify(draft) } };
      });
      const b = new Client({ name: 'plain', version: '1.0.0' });
      await connect(a);
      await connect(b);
      try {
        const res = await a.callTool({ name: 'draft_plan', arguments: { feature: 'ui', slug: 'http-drafted' } });
        expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
        expect((res.structuredContent as { provider: string; model: string }).model).toBe('http-client-model');
        expect(asked).toBe(1);
        const other = await b.callTool({ name: 'draft_plan', arguments: { feature: 'ui', slug: 'http-skeleton', dryRun: true } });
        expect(other.isError).toBe(true);
        expect(JSON.stringify(other.content)).toMatch(/draft_plan prompt/);
        expect(asked).toBe(1);
      } finally {
        await a.close();
        await b.close();
      }
    },
    SLOW,
  );
});
