/**
 * A victim runs the documented `specplan mcp --http PORT` (the built CLI as a child process on
 * a real temp repository); a web page and a greedy local client try to reach it or wear it out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, isCleanError, makeArena, run, type Arena, type Built } from '../support/hardening-helpers.js';
import { errorMessage, goodHeaders, initBody, raw } from '../support/security-mcp-support.js';

const SLOW = 120_000;
let built: Built;
let arena: Arena;
let child: ChildProcess | null = null;

beforeAll(() => {
  built = buildAll();
  arena = makeArena({ git: false, symlinks: false });
}, 300_000);
afterAll(() => arena?.cleanup());
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  child = null;
});

/** Start the built server over HTTP; resolves with its port once it logs where it serves. */
function startHttp(extra: string[]): Promise<number> {
  const proc = spawn(process.execPath, [built.specplan, 'mcp', '--root', arena.root, '--http', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  });
  child = proc;
  let stderr = '';
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    proc.stderr!.on('data', (d) => {
      stderr += String(d);
      const m = /on http:\/\/127\.0\.0\.1:(\d+)\/mcp/.exec(stderr);
      if (m) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}

describe('specplan mcp --http', () => {
  it(
    'documents --max-sessions in --help',
    async () => {
      const r = await run(built.specplan, ['mcp', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/--max-sessions <n>/);
      expect(r.stdout).toMatch(/default: 64/);
    },
    SLOW,
  );

  it(
    'refuses a web page: cross-origin POST and DNS-rebinding Host get 403, real clients still connect',
    async () => {
      const port = await startHttp([]);
      const page = await raw(port, {
        headers: { host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8', accept: '*/*' },
        body: initBody(),
      });
      expect(page.status).toBe(403);
      expect(errorMessage(page)).toMatch(/Origin "https:\/\/evil.example" is not allowed/);
      const rebound = await raw(port, { headers: goodHeaders(port, { host: `attacker.example:${port}` }), body: initBody() });
      expect(rebound.status).toBe(403);
      expect(errorMessage(rebound)).toMatch(/Host header/);
      const ok = await raw(port, { headers: goodHeaders(port), body: initBody() });
      expect(ok.status).toBe(200);
    },
    SLOW,
  );

  it(
    'caps open sessions at --max-sessions and says how to raise it',
    async () => {
      const port = await startHttp(['--max-sessions', '2']);
      for (let i = 0; i < 2; i++) expect((await raw(port, { headers: goodHeaders(port), body: initBody() })).status).toBe(200);
      const over = await raw(port, { headers: goodHeaders(port), body: initBody() });
      expect(over.status).toBe(503);
      expect(errorMessage(over)).toMatch(/already serving 2 sessions.*--max-sessions/);
    },
    SLOW,
  );

  it(
    'rejects a bad --max-sessions with exit 2 and one clear message',
    async () => {
      for (const bad of ['0', 'abc', '1.5', '-3', '100000']) {
        const r = await run(built.specplan, ['mcp', '--root', arena.root, '--http', '0', '--max-sessions', bad]);
        expect(r.code, bad).toBe(2);
        expect(isCleanError(r), r.stderr).toBe(true);
        expect(r.stderr).toMatch(/--max-sessions/);
      }
    },
    SLOW,
  );

  it(
    'rejects --max-sessions without --http',
    async () => {
      const r = await run(built.specplan, ['mcp', '--root', arena.root, '--max-sessions', '4']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--max-sessions applies to --http only/);
      expect(isCleanError(r)).toBe(true);
    },
    SLOW,
  );
});
