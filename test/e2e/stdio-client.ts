/**
 * A raw MCP client of the built `specplan mcp` over stdio for the transport tests: it writes
 * newline-delimited JSON-RPC (waiting for the pipe to drain, so the client itself stays small),
 * and reads stdout only when told to.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

export interface StdioPeer {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Write one message (or raw text); resolves once the pipe took it. */
  send(message: object | string): Promise<void>;
  /**
   * Start reading stdout; every complete line is parsed and kept, or only what `keep` makes of
   * it (so a test reading hundreds of megabytes of answers holds just what it checks).
   */
  startReading(keep?: (message: Record<string, unknown>) => Record<string, unknown>): void;
  /** Messages read so far. */
  messages(): Array<Record<string, unknown>>;
  /** Wait until `done(messages)` holds, or fail after `timeoutMs`. */
  until(done: (messages: Array<Record<string, unknown>>) => boolean, timeoutMs: number): Promise<void>;
  exited(): Promise<number | null>;
  kill(): Promise<void>;
}

/** Spawn `node <cli> mcp --root <root>` with stdout left unread until `startReading()`. */
export function spawnStdio(cli: string, root: string, env: NodeJS.ProcessEnv = {}): StdioPeer {
  const child = spawn(process.execPath, [cli, 'mcp', '--root', root], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', SPECPLAN_TODAY: '2026-04-01', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
  child.stdout.pause();
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  child.stdin.on('error', () => {}); // the server may stop reading for good; the test checks why
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const got: Array<Record<string, unknown>> = [];
  // the bytes of the line being read, split across chunks (a line is decoded once it is whole)
  let partial: Buffer[] = [];
  return {
    child,
    stderr: () => err,
    send: async (message) => {
      const line = typeof message === 'string' ? message : `${JSON.stringify(message)}\n`;
      if (child.stdin.destroyed) return;
      if (!child.stdin.write(line)) await Promise.race([once(child.stdin, 'drain').catch(() => {}), exit]);
    },
    startReading: (keep = (m) => m) => {
      child.stdout.on('data', (d: Buffer) => {
        let start = 0;
        for (let nl = d.indexOf(10); nl !== -1; nl = d.indexOf(10, start)) {
          partial.push(d.subarray(start, nl));
          const line = Buffer.concat(partial).toString('utf8');
          partial = [];
          start = nl + 1;
          if (line.trim()) got.push(keep(JSON.parse(line) as Record<string, unknown>));
        }
        if (start < d.length) partial.push(d.subarray(start));
      });
      child.stdout.resume();
    },
    messages: () => got,
    until: async (done, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!done(got)) {
        if (Date.now() > deadline) throw new Error(`timed out with ${got.length} messages read; server stderr:\n${err.slice(-2000)}`);
        if (child.exitCode !== null && !child.stdout.readable)
          throw new Error(`server exited ${child.exitCode} with ${got.length} messages read:\n${err.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    exited: () => exit,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-stdio', version: '1' } },
};
export const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };

/** CPU time (user + system, clock ticks) a process has used, from /proc; null once it exited. */
export function cpuTicks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
