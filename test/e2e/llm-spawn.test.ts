import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../src/llm/select.js';
import { buildAll } from '../support/cli.js';
import { loadRecording, useMsw } from '../support/msw.js';
import { draftCliBatch, makeRepo, snapshot } from '../support/llm-fixture-repo.js';

const msw = useMsw();

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRELOAD = path.join(PROJECT, 'test', 'support', 'preload.mjs');
let buildDir = '';
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
};
let script = '';

/** The real built `specplan` (the shared test build of the whole package). */
function buildCli(): void {
  const built = buildAll();
  buildDir = built.root;
  script = built.specplan;
}

interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
  log: {
    calls: Array<{ url: string; headers: Record<string, string>; body: { messages: Array<{ role: string; content: string }> } }>;
    problems: string[];
    unused: number;
  };
}

/** Run the built CLI in a child process with msw preloaded replaying `recording`. */
function spawnCli(args: string[], recording: string, env: Record<string, string>): Spawned {
  const logFile = path.join(tempDir('specplan-replay-'), 'log.json');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|OPENAI_|SPECPLAN_LLM_)/.test(k)));
  const r = spawnSync(process.execPath, ['--import', PRELOAD, script, ...args], {
    encoding: 'utf8',
    env: { ...clean, ...env, SPECPLAN_REPLAY: recording, SPECPLAN_REPLAY_LOG: logFile },
    timeout: 60_000,
  });
  const log = existsSync(logFile) ? JSON.parse(readFileSync(logFile, 'utf8')) : { calls: [], problems: ['no replay log written'], unused: -1 };
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, log };
}

beforeAll(buildCli, 60_000);
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe('the real specplan binary with msw preloaded in the child', () => {
  it('exits 1 with the errors listed and leaves the repository untouched when every attempt is invalid; usage is printed', () => {
    const root = makeRepo(undefined, { git: true });
    const before = snapshot(root);
    const run = spawnCli(['draft', '--root', root, '--feature', 'cli'], 'anthropic/invalid-every-attempt', { ANTHROPIC_API_KEY: 'sk-ant-test-key' });
    expect(run.code).toBe(1);
    expect(run.log.problems).toEqual([]);
    expect(run.log.calls).toHaveLength(2);
    expect(run.log.calls[1]!.body.messages.at(-1)!.content).toMatch(/The steps form a dependency cycle Step 1 → Step 2 → Step 3 → Step 4 → Step 1/);
    expect(run.stderr).toContain('still invalid after 2 attempts; nothing was written');
    expect(run.stderr).toContain('usage: 2 LLM calls');
    expect(run.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);
  });
});

describe('tools/record.mjs', () => {
  it('records real-shaped exchanges (full request body, no headers) that replay keyed through the SDK', async () => {
    const answer = loadRecording('anthropic/draft-valid').exchanges[0]!.response;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ? 'auth' : 'no-auth'}`);
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_local_1', 'set-cookie': 'secret=1' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const root = makeRepo();
    const out = path.join(tempDir('specplan-record-'), 'draft-cli.json');
    const child = spawn(
      process.execPath,
      [
        path.join(PROJECT, 'tools', 'record.mjs'),
        '--provider',
        'anthropic',
        '--scenario',
        'draft',
        '--root',
        root,
        '--feature',
        'cli',
        '--slug',
        'cli-batch',
        '--name',
        'draft-cli',
        '--out',
        out,
        '--dist',
        buildDir,
      ],
      {
        env: { ...process.env, ANTHROPIC_API_KEY: 'sk-ant-real-looking-secret', ANTHROPIC_BASE_URL: base },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    server.close();
    expect(code, stderr).toBe(0);
    expect(seen).toEqual(['POST /v1/messages auth']);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('sk-ant-real-looking-secret');
    expect(text).not.toContain('set-cookie');
    const recording = JSON.parse(text) as {
      source: string;
      exchanges: Array<{
        request: { url: string; body: { tools: Array<{ input_schema: { properties: object } }> } };
        response: { status: number; headers: Record<string, string> };
      }>;
    };
    expect(recording.source).toMatch(/^Recorded with tools\/record\.mjs/);
    expect(recording.exchanges).toHaveLength(1);
    expect(recording.exchanges[0]!.request.url).toBe(`${base}/v1/messages`);
    expect(Object.keys(recording.exchanges[0]!.request.body.tools[0]!.input_schema.properties)).toContain('steps');
    expect(recording.exchanges[0]!.response.headers).toEqual({ 'content-type': 'application/json', 'request-id': 'req_local_1' });

    // The same draft in this process, replayed by key (the request must be byte-for-byte the recorded one).
    const replay = msw.replay(recording as never, 'keyed');
    const { provider } = await createProvider({ flag: 'anthropic', env: { ANTHROPIC_API_KEY: 'other-key', ANTHROPIC_BASE_URL: base } });
    const result = await draftCliBatch(provider);
    replay.assertDone();
    expect(result.plan.title).toBe('CLI batch mode');
  });
});
