/**
 * `specplan index` and the MCP tool `update_index` rebuild the plans index from the plans. When
 * a plan document cannot be read (binary, too large, a pipe, a link out of the root, no
 * permission) they would silently drop its row: instead they refuse, name each file and why,
 * and write nothing (exit 2).
 */
import { chmodSync, chownSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, makeArena, planText, write, type Arena, type Built } from '../support/hardening-helpers.js';
import { fifo, finish, mcpSession, safeSnapshot, toolText } from '../support/security-support.js';

let built: Built;
const arenas: Arena[] = [];
beforeAll(() => {
  built = buildAll();
}, 180_000);
afterAll(() => arenas.forEach((a) => a.cleanup()));

/** An arena whose index is written and up to date, so any later write would show. */
async function indexedArena(): Promise<Arena> {
  const a = makeArena({ git: false, symlinks: false });
  arenas.push(a);
  const r = await finish(built.specplan, ['index', '--root', a.root], { cwd: a.root });
  expect(r.code, r.stderr).toBe(0);
  return a;
}

/** Plans the index cannot read, each in its own way; returns file → expected reason. */
function spoil(a: Arena, opts: { pipe: boolean }): Record<string, RegExp> {
  const out: Record<string, RegExp> = {};
  write(a.root, 'spec/plans/binary/README.md', `${planText({ title: 'Binary' })}\u0000\u0001`);
  out['spec/plans/binary/README.md'] = /binary|NUL/;
  write(a.root, 'spec/plans/huge/README.md', `${planText({ title: 'Huge' })}${'x'.repeat(9 * 1024 * 1024)}\n`);
  out['spec/plans/huge/README.md'] = /MB/;
  write(a.outside, 'linked/README.md', planText({ title: 'Linked' }));
  write(a.root, 'spec/plans/linked/.keep', '');
  symlinkSync(path.join(a.outside, 'linked/README.md'), path.join(a.root, 'spec/plans/linked/README.md'));
  out['spec/plans/linked/README.md'] = /outside/;
  if (opts.pipe) {
    fifo(a.root, 'spec/plans/pipe/README.md');
    out['spec/plans/pipe/README.md'] = /named pipe/;
  }
  return out;
}

function expectRefused(r: { code: number; stderr: string }, files: Record<string, RegExp>): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
  for (const [file, why] of Object.entries(files)) {
    const line = r.stderr.split('\n').find((l) => l.includes(file));
    expect(line, `${file} not named in:\n${r.stderr}`).toBeDefined();
    expect(line).toMatch(why);
  }
}

describe('specplan index with plans it cannot read', () => {
  it('refuses, names each plan and why, and writes nothing (binary, too large, link out of the root)', async () => {
    const a = await indexedArena();
    const files = spoil(a, { pipe: false });
    const before = safeSnapshot(a.root);
    const r = await finish(built.specplan, ['index', '--root', a.root], { cwd: a.root });
    expectRefused(r, files);
    expect(safeSnapshot(a.root)).toEqual(before);
    expectRefused(await finish(built.specplan, ['index', '--check', '--root', a.root], { cwd: a.root }), files);
  }, 60_000);

  it('refuses with a pipe as a plan README too, without waiting on it', async () => {
    const a = await indexedArena();
    const files = spoil(a, { pipe: true });
    const before = safeSnapshot(a.root);
    expectRefused(await finish(built.specplan, ['index', '--root', a.root], { cwd: a.root }), files);
    expect(safeSnapshot(a.root)).toEqual(before);
  }, 60_000);

  it('refuses a plans index that is itself a pipe rather than replacing it', async () => {
    const a = await indexedArena();
    rmSync(path.join(a.root, 'spec/plans/README.md'));
    fifo(a.root, 'spec/plans/README.md');
    const before = safeSnapshot(a.root);
    expectRefused(await finish(built.specplan, ['index', '--root', a.root], { cwd: a.root }), { 'spec/plans/README.md': /named pipe/ });
    expect(safeSnapshot(a.root)).toEqual(before);
  }, 60_000);

  it('refuses a plan README it has no permission to read (uid 65534)', async (ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip();
    const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(built.specplan)}, require('fs').constants.R_OK)`], {
      uid: 65534,
      gid: 65534,
      stdio: 'ignore',
    });
    if (probe.status !== 0) {
      process.stderr.write(`EACCES test skipped: uid 65534 cannot reach ${built.specplan} (a parent folder is private)\n`);
      return ctx.skip();
    }
    const a = await indexedArena();
    chmodSync(a.base, 0o755);
    const own = (rel: string): void => {
      const p = path.join(a.root, rel);
      chownSync(p, 65534, 65534);
      try {
        for (const name of readdirSync(p)) own(rel ? `${rel}/${name}` : name);
      } catch {
        // a file
      }
    };
    own('');
    writeFileSync(path.join(a.root, 'spec/plans/user-auth/README.md'), planText({ title: 'User auth' }));
    chownSync(path.join(a.root, 'spec/plans/user-auth/README.md'), 0, 0);
    chmodSync(path.join(a.root, 'spec/plans/user-auth/README.md'), 0o600);
    const before = safeSnapshot(a.root);
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const res = spawnSync(process.execPath, [built.specplan, 'index', '--root', a.root], {
        cwd: a.root,
        uid: 65534,
        gid: 65534,
        // As everywhere in the suite (vitest.config.ts): no document cache, so "nothing written" is exact.
        env: { PATH: process.env.PATH, HOME: a.base, SPECPLAN_CACHE: '0' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      resolve({ code: res.status ?? -1, stderr: res.stderr });
    });
    expectRefused(r, { 'spec/plans/user-auth/README.md': /EACCES|permission/i });
    expect(safeSnapshot(a.root)).toEqual(before);
  }, 60_000);
});

describe('MCP update_index with plans it cannot read', () => {
  it('returns isError naming each plan and writes nothing, with and without check', async () => {
    const a = await indexedArena();
    const files = spoil(a, { pipe: true });
    const before = safeSnapshot(a.root);
    const s = await mcpSession(built, a.root);
    try {
      for (const args of [{}, { check: true }]) {
        const r = await s.call('update_index', args);
        expect(r.isError, toolText(r)).toBe(true);
        const text = toolText(r);
        expect(text).not.toMatch(/unexpected|bug/);
        for (const f of Object.keys(files)) expect(text).toContain(f);
      }
    } finally {
      await s.close();
    }
    expect(safeSnapshot(a.root)).toEqual(before);
  }, 90_000);
});
