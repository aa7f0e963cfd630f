import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { run, type Built, type RunResult } from './hardening-helpers.js';

/** Environment of a victim's shell: no model keys, a fixed date. */
export function victimEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SPECPLAN_TODAY: '2026-04-01' };
  for (const k of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'SPECPLAN_DEBUG', 'SPECPLAN_PREFETCH']) delete env[k];
  return env;
}

/** A spawned command that must finish: a hang is killed after `timeoutMs` and fails the test. */
export async function finish(script: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const started = Date.now();
  const r = await run(script, args, { cwd: opts.cwd, env: opts.env ?? victimEnv(), timeoutMs });
  expect(r.signal, `${args.join(' ')} did not finish within ${timeoutMs} ms (${Date.now() - started} ms); stderr: ${r.stderr.slice(0, 400)}`).toBeNull();
  return r;
}

/** Make a named pipe at `rel` (replacing nothing: the path must be free). */
export function fifo(root: string, rel: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  execFileSync('mkfifo', [path.join(root, rel)]);
}

/**
 * Content hash of every entry below `dir` without ever opening anything but regular files
 * (a FIFO is recorded as such, a link as its target), so it cannot block.
 */
export function safeSnapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      const p = path.join(dir, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, `link:${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        if (name === '.git') continue;
        out.set(`${r}/`, 'dir');
        walk(r);
      } else if (st.isFile()) out.set(r, createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16));
      else out.set(r, `special:${st.mode.toString(8)}`);
    }
  };
  walk('');
  return out;
}

/** The stderr of a clean failure: at most one sentence plus one hint line, no stack trace. */
export function expectOneSentence(r: RunResult, code: number, names: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length, r.stderr).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+|Error:|node:internal/);
  expect(lines[0]).toMatch(names);
}

/** An MCP client talking to `specplan mcp --root ROOT` spawned from the built CLI. */
export interface McpSession {
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  stderr(): string;
  close(): Promise<void>;
}

/** Start the built MCP server on stdio; every call answers within `timeoutMs` or fails. */
export async function mcpSession(built: Built, root: string, timeoutMs = 20_000): Promise<McpSession> {
  const env = victimEnv() as Record<string, string>;
  const transport = new StdioClientTransport({ command: process.execPath, args: [built.specplan, 'mcp', '--root', root], stderr: 'pipe', env });
  let stderr = '';
  transport.stderr?.on('data', (d) => (stderr += String(d)));
  const client = new Client({ name: 'security-test', version: '1.0.0' });
  await client.connect(transport, { timeout: timeoutMs });
  return {
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs })) as CallToolResult,
    stderr: () => stderr,
    close: () => client.close(),
  };
}

/** The text blocks of a tool result, joined. */
export function toolText(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}
