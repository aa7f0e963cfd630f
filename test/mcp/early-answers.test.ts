import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_DEFAULTS, mcpSettings } from '../../src/app/mcp-start.js';
import { packageVersion } from '../../src/app/package-version.js';
import { Session } from '../../src/app/session.js';
import { defaultPlanningConfig } from '../../src/model/config-defaults.js';
import { answerEarly, isStartAnswers, listedTools, type StartAnswers } from '../../tools/early-answers.js';
import { createServer } from '../../tools/server.js';
import { startAnswers } from '../../tools/start-answers.js';
import type { ToolSelection } from '../../tools/tool-selection.js';
import { BUILT_CLI, PROJECT_ROOT, makeRepo, memoryLogger, removeRepo } from '../support/mcp-helpers.js';

type Json = Record<string, unknown>;

let root: string;
let session: Session;
let answers: StartAnswers;

beforeAll(async () => {
  root = makeRepo({ git: false, small: true });
  session = new Session({ root, logger: memoryLogger() });
  answers = await startAnswers(session, packageVersion());
}, 60_000);
afterAll(() => removeRepo(root));

/** The live server's raw answers to initialize (with this protocol version) and tools/list. */
async function live(tools: ToolSelection, protocolVersion = '2025-06-18'): Promise<{ initialize: Json; list: Json }> {
  const handle = createServer(session, { tools });
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  const results = new Map<unknown, (r: Json) => void>();
  client.onmessage = (m) => {
    if ('id' in m && 'result' in m) results.get(m.id)?.(m.result as Json);
  };
  await handle.server.connect(serverSide);
  await client.start();
  const ask = (id: number, method: string, params?: Json) =>
    new Promise<Json>((resolve) => {
      results.set(id, resolve);
      void client.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
    });
  const initialize = await ask(1, 'initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 't', version: '1' } });
  await client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const list = await ask(2, 'tools/list');
  await client.close();
  handle.dispose();
  return { initialize, list };
}

/** Feed `lines` to the early answers; what they wrote, and what the server is handed. */
async function early(lines: string[], selection: ToolSelection = {}, end = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  const written: Json[] = [];
  output.on('data', (d: Buffer) => {
    for (const l of d.toString('utf8').split('\n').filter(Boolean)) written.push(JSON.parse(l) as Json);
  });
  const handover = answerEarly(input, output, answers, selection);
  input.write(lines.map((l) => `${l}\n`).join(''));
  if (end) input.end();
  const h = await handover;
  const handed: string[] = [];
  h.input.on('data', (d: Buffer) => handed.push(...d.toString('utf8').split('\n').filter(Boolean)));
  await new Promise((r) => setTimeout(r, 20));
  return { written, handed, replayed: h.replayed, input, stream: h.input };
}

const INIT = (id: number | string, protocolVersion = '2025-06-18') =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion, capabilities: { elicitation: {} }, clientInfo: { name: 'c', version: '1' } },
  });
const INITIALIZED = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
const LIST = (id: number | string) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' });

describe('the answers the server gives before it is loaded', () => {
  it('list exactly what the live server lists, for every kind of selection', async () => {
    const selections: ToolSelection[] = [
      {},
      { readOnly: true },
      { sets: ['read', 'draft'] },
      { sets: ['lifecycle', 'interop'], readOnly: true },
      { sets: ['whats-next'] },
    ];
    for (const selection of selections) {
      const { list } = await live(selection);
      expect(listedTools(answers, selection), JSON.stringify(selection)).toEqual(list);
    }
  });

  it('answer initialize as the live server does, negotiating the protocol version the same way', async () => {
    for (const version of ['2025-06-18', '2024-11-05', '1999-01-01']) {
      const { initialize } = await live({}, version);
      const { written } = await early([INIT(1, version)], {}, true);
      expect(written[0]).toEqual({ jsonrpc: '2.0', id: 1, result: initialize });
    }
  });

  it('are what the build recorded from this code', () => {
    const built = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'dist/tools/mcp-start.json'), 'utf8')) as unknown;
    expect(isStartAnswers(built, packageVersion())).toBe(true);
    expect(built).toEqual(answers);
    expect(isStartAnswers(built, '0.0.0-other')).toBe(false);
  });

  it('answer initialize and tools/list, then hand the same messages to the server under their own ids, then the rest', async () => {
    const call = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'list_plans', arguments: {} } });
    const { written, handed, replayed } = await early([INIT(0), INITIALIZED, LIST(1), call], { readOnly: true });
    expect(written.map((m) => m.id)).toEqual([0, 1]);
    expect((written[1]!.result as { tools: Json[] }).tools.map((t) => t.name)).toEqual(listedTools(answers, { readOnly: true }).tools.map((t) => t.name));
    expect(replayed).toEqual(['specplan-early-1', 'specplan-early-2']);
    expect(handed.map((l) => JSON.parse(l) as Json).map((m) => [m.id, m.method])).toEqual([
      ['specplan-early-1', 'initialize'],
      [undefined, 'notifications/initialized'],
      ['specplan-early-2', 'tools/list'],
      [3, 'tools/call'],
    ]);
  });

  it('leave everything else to the server, unanswered and unchanged', async () => {
    const other = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'resources/list' });
    for (const lines of [
      [other],
      [INIT(1), INITIALIZED, other],
      ['not json'],
      [INIT(1), JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 'x' } })],
    ]) {
      const { written, handed } = await early(lines);
      expect(written.length).toBe(lines[0] === INIT(1) ? 1 : 0);
      expect(handed.at(-1)).toBe(lines.at(-1));
    }
  });

  it('hand over a long line without reading it whole, and an input that ended', async () => {
    const big = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"pad":"${'x'.repeat(200_000)}"}}`;
    const { written, handed } = await early([big]);
    expect(written).toEqual([]);
    expect(handed.join('')).toBe(big);
    const ended = await early([INIT(1)], {}, true);
    expect(ended.written.length).toBe(1);
    expect(ended.stream.readableEnded || ended.handed.length === 1).toBe(true);
  });

  it('hand over at once when the client closed the output, and can stop reading for good', async () => {
    const input = new PassThrough();
    const output = new Writable({ write: (_chunk, _enc, done) => done(new Error('write EPIPE')) });
    const handover = answerEarly(input, output, answers, {});
    input.write(`${INIT(1)}\n`);
    const h = await handover;
    expect(h.outputError()?.message).toBe('write EPIPE');
    h.close();
    expect(input.isPaused()).toBe(true);
    expect(h.input.destroyed).toBe(true);
  });

  it('take the tool selection from the configuration only when a configuration file is there', async () => {
    expect(MCP_DEFAULTS).toEqual(defaultPlanningConfig().mcp);
    expect(await mcpSettings(root)).toEqual(MCP_DEFAULTS);
    writeFileSync(path.join(root, 'specscore.yaml'), 'planning:\n  mcp:\n    read_only: true\n');
    try {
      expect(await mcpSettings(root)).toEqual({ read_only: true });
    } finally {
      writeFileSync(path.join(root, 'specscore.yaml'), '');
    }
  });
});

describe('the built server over stdio', () => {
  it('answers each request once, the early ones included, and serves tool calls after them', async () => {
    const child = spawn(process.execPath, [BUILT_CLI, 'mcp', '--root', root, '--tools', 'read'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: Json[] = [];
    let buf = '';
    const got = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          lines.push(JSON.parse(buf.slice(0, nl)) as Json);
          buf = buf.slice(nl + 1);
          if (lines.some((m) => m.id === 3)) setTimeout(resolve, 300);
        }
      });
    });
    const call = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'list_plans', arguments: {} } });
    child.stdin.write([INIT(1), INITIALIZED, LIST(2), call].map((l) => `${l}\n`).join(''));
    await got;
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const answered = lines.filter((m) => m.id !== undefined).map((m) => m.id);
    expect(answered).toEqual([1, 2, 3]);
    const byId = (id: number) => lines.find((m) => m.id === id)!.result as { tools: Json[]; isError?: boolean };
    expect(byId(2).tools).toEqual(listedTools(answers, { sets: ['read'] }).tools);
    expect(byId(3).isError).not.toBe(true);
    expect(code).toBe(0);
  }, 60_000);
});
