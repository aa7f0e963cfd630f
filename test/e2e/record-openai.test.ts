import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createProvider } from '../../src/llm/select.js';
import { buildAll } from '../support/cli.js';
import { loadRecording, useMsw } from '../support/msw.js';
import { draftCliBatch, makeRepo } from '../support/llm-fixture-repo.js';

const msw = useMsw();
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'specplan-record-openai-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('tools/record.mjs with the OpenAI provider', () => {
  it('records one exchange (full body, no key, no cookies) that replays keyed through the OpenAI SDK', async () => {
    const built = buildAll();
    const answer = loadRecording('openai/draft-valid').exchanges[0]!.response;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ? 'auth' : 'no-auth'}`);
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_local_openai', 'set-cookie': 'secret=1' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const file = path.join(out, 'draft-cli.json');
    const args = [
      '--provider',
      'openai',
      '--scenario',
      'draft',
      '--root',
      makeRepo(),
      '--feature',
      'cli',
      '--slug',
      'cli-batch',
      '--out',
      file,
      '--dist',
      built.root,
    ];
    const child = spawn(process.execPath, [path.join(PROJECT, 'tools', 'record.mjs'), ...args], {
      env: { ...process.env, OPENAI_API_KEY: 'sk-real-looking-openai-secret', OPENAI_BASE_URL: base, ANTHROPIC_API_KEY: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    server.close();
    expect(code, stderr).toBe(0);
    expect(seen).toEqual(['POST /v1/chat/completions auth']);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('sk-real-looking-openai-secret');
    expect(text).not.toContain('set-cookie');
    const recording = JSON.parse(text) as {
      source: string;
      exchanges: Array<{ request: { url: string; body: { response_format: { type: string } } }; response: { headers: Record<string, string> } }>;
    };
    expect(recording.source).toMatch(/^Recorded with tools\/record\.mjs on \d{4}-\d\d-\d\d from the real openai API/);
    expect(recording.exchanges).toHaveLength(1);
    expect(recording.exchanges[0]!.request.url).toBe(`${base}/chat/completions`);
    expect(recording.exchanges[0]!.request.body.response_format.type).toBe('json_schema');
    expect(recording.exchanges[0]!.response.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': 'req_local_openai' });

    const replay = msw.replay(recording as never, 'keyed');
    const { provider } = await createProvider({ flag: 'openai', env: { OPENAI_API_KEY: 'other-key', OPENAI_BASE_URL: base } });
    const result = await draftCliBatch(provider);
    replay.assertDone();
    expect(result.plan.title).toBe('CLI batch mode');
  });
});
