import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, PROJECT_ROOT, removeRepo } from '../support/mcp-helpers.js';

/** Unpack a zip archive (stored or deflated entries) into `dir`, as Claude Desktop does with an extension. */
function unzip(archive: Buffer, dir: string): number {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = archive.readUInt16LE(at + 10);
    const packed = archive.readUInt32LE(at + 20);
    const nameLen = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLen);
    const local = archive.readUInt32LE(at + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const body = archive.subarray(start, start + packed);
    const target = path.join(dir, name);
    expect(target.startsWith(dir + path.sep), name).toBe(true);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, method === 8 ? inflateRawSync(body) : body);
    at += 46 + nameLen + extra;
  }
  return count;
}

let work: string;
let root: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'specplan-mcpb-'));
  root = makeRepo({ git: false, small: true });
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeRepo(root);
});

describe('the Claude Desktop extension bundle (.mcpb)', () => {
  it('builds, unpacks, and starts the server from its manifest with the root as the user-configured directory', async () => {
    const bundle = path.join(work, 'specscore-plans.mcpb');
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'mcpb/bundle.mjs'), '--out', bundle], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    const dir = path.join(work, 'unpacked');
    expect(unzip(readFileSync(bundle), dir)).toBeGreaterThan(100);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'specscore-plans', version: pkg.version, server: { type: 'node' } });
    expect(manifest.user_config.spec_root).toMatchObject({ type: 'directory', required: true });
    const fill = (s: string) => s.replaceAll('${__dirname}', dir).replaceAll('${user_config.spec_root}', root);
    const { command, args } = manifest.server.mcp_config as { command: string; args: string[] };
    const transport = new StdioClientTransport({
      command: command === 'node' ? process.execPath : command,
      args: args.map(fill),
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['read_plan', 'write_plan', 'set_plan_status']));
      const res = await client.callTool({ name: 'list_plans', arguments: {} });
      expect(res.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  }, 300_000);
});

describe('the MCP registry entry (server.json)', () => {
  it('names the npm package and version of package.json and starts the server with mcp', () => {
    const server = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(server.version).toBe(pkg.version);
    expect(server.packages[0]).toMatchObject({ registryType: 'npm', identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } });
    expect(server.packages[0].packageArguments[0]).toEqual({ type: 'positional', value: 'mcp' });
  });
});
