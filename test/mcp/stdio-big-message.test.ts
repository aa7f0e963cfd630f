import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, makeRepo, removeRepo } from '../support/mcp-helpers.js';

let root: string;

beforeAll(() => {
  root = makeRepo({ git: false, small: true });
});
afterAll(() => removeRepo(root));

describe('a stdio message over 10 MiB', () => {
  it('stops the server with a non-zero exit code and says why on stderr', async () => {
    const child = spawn(process.execPath, [BUILT_CLI, 'mcp', '--root', root], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.resume();
    child.stdin.on('error', () => {}); // the server may stop reading before the whole message is written
    const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'read_plan', arguments: { plan: 'x'.repeat(11 * 1024 * 1024) } } });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/a message on stdin is over 10 MB/);
  }, 120_000);
});
