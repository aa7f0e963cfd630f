import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEveryTool } from './every-tool.js';
import { BUILT_CLI, makeRepo, removeRepo } from '../support/mcp-helpers.js';
import { corpus } from '../support/corpus.js';

const SYNCHESTRA = corpus('synchestra-spec');

let root: string;

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build (test/support/global-setup.ts builds it)`);
  root = makeRepo();
});
afterAll(() => removeRepo(root));

/** Spawned servers on a busy 2-CPU machine can take several times their usual time. */
const SLOW = 120_000;

SYNCHESTRA.describe('the built server over stdio', () => {
  it(
    'serves every tool to the SDK client against a temp copy of a spec repo',
    async () => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BUILT_CLI, 'mcp', '--root', root],
        stderr: 'pipe',
        env: { PATH: process.env.PATH ?? '', SPECPLAN_TODAY: '2026-04-01' },
      });
      let stderr = '';
      transport.stderr?.on('data', (d) => (stderr += String(d)));
      const client = new Client({ name: 'stdio-test', version: '1.0.0' });
      await client.connect(transport);
      try {
        expect(client.getServerVersion()?.name).toBe('specscore-plans');
        const results = await callEveryTool(client);
        expect((results.get('write_plan')!.structuredContent as { plan: string }).plan).toBe('spawned-plan');
        expect(readFileSync(path.join(root, 'spec/plans/spawned-plan/README.md'), 'utf8')).toContain('**Status:** in_review');
        expect(readFileSync(path.join(root, 'spec/plans/WHATS-NEXT.md'), 'utf8')).toContain("# What's Next");
        const bad = await client.callTool({ name: 'read_plan', arguments: { plan: '../x' } });
        expect(bad.isError).toBe(true);
        expect((await client.listTools()).tools.length).toBeGreaterThanOrEqual(17);
      } finally {
        await client.close();
      }
      expect(stderr).toMatch(/serving .* on stdio/);
    },
    SLOW,
  );

  it(
    'writes only protocol messages to stdout; logs go to stderr',
    async () => {
      const child = spawn(process.execPath, [BUILT_CLI, 'mcp', '--root', root], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, SPECPLAN_LOG: 'debug' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += String(d)));
      child.stderr.on('data', (d) => (err += String(d)));
      const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
      send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      });
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_plans', arguments: { limit: 2 } } });
      send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'read_plan', arguments: { plan: 'does-not-exist' } } });
      const deadline = Date.now() + 15_000;
      while (!(out.includes('"id":2}') && out.includes('"id":3}')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const l of lines) expect(JSON.parse(l).jsonrpc).toBe('2.0');
      expect(err).toContain('specplan-mcp');
      expect(err).toMatch(/loaded \d+ plans/);
    },
    SLOW,
  );

  it(
    'exits with a clear error for a root without spec/',
    async () => {
      const child = spawn(process.execPath, [BUILT_CLI, 'mcp', '--root', path.join(root, 'spec', 'plans', 'approved-plan')], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let err = '';
      let out = '';
      child.stderr.on('data', (d) => (err += String(d)));
      child.stdout.on('data', (d) => (out += String(d)));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      expect(code).toBe(2);
      expect(err).toMatch(/no spec\/ folder/);
      expect(out).toBe('');
    },
    SLOW,
  );
});
