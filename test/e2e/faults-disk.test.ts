/**
 * Disk faults under the built CLI as a real process, with real kernel errors (no fs mocking):
 * - ENOSPC: the repository lives on a tiny tmpfs (`mount -t tmpfs -o size=…`, the tests run as
 *   root) filled to leave 0 … 64 KB free, so writes fail at different points of an operation.
 * - EACCES: the CLI runs as uid/gid 65534 (`nobody`, via spawn's uid/gid) in a repository it
 *   owns except spec/plans/ (root-owned, 0755), so `new` fails at its second file.
 * After a failure every file under spec/ is byte-identical to before (the operation's journal
 * restores what it had written), the error is one clear sentence, and the repository still lints.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, readdirSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, diffSnapshots, isCleanError, makeArena, snapshot, type Arena, type Built, type RunResult } from '../support/hardening-helpers.js';

let built: Built;
const arenas: Arena[] = [];
const mounts: string[] = [];

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = makeArena({ git: false, symlinks: false });
  arenas.push(probe);
  const m = path.join(probe.base, 'probe');
  mkdirSync(m);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', m], { stdio: 'pipe' });
    execFileSync('umount', [m], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const MOUNT_OK = canMount();
const ROOT_OK = process.getuid?.() === 0;

beforeAll(() => {
  built = buildAll();
}, 120_000);
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'pipe' });
    } catch {
      // already gone
    }
  }
  arenas.forEach((a) => a.cleanup());
});

function runAs(script: string, args: string[], opts: { uid?: number; env?: NodeJS.ProcessEnv; cwd: string }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr, signal }));
  });
}

const NEW = ['new', 'fresh-plan', '--title', 'Fresh plan', '--author', '@a', '--feature', 'cli', '--date', '2026-04-01'];

function specOnly(snap: Map<string, string>): Map<string, string> {
  return new Map([...snap].filter(([k]) => k.startsWith('spec/')));
}

describe.skipIf(!MOUNT_OK)('ENOSPC: disk full at different points of `specplan new` (real tmpfs)', () => {
  it('fails cleanly with spec/ unchanged, or succeeds completely, at every fill level', async () => {
    const outcomes: string[] = [];
    // A lint-clean template: the arena with its index and back-references written.
    const a = makeArena({ git: false, symlinks: false });
    arenas.push(a);
    const idx = await runAs(built.specplan, ['index', '--root', a.root], { cwd: a.root });
    expect(idx.code, idx.stderr).toBe(0);
    for (const freeKb of [0, 4, 8, 16, 64]) {
      const mnt = path.join(a.base, `mnt-${freeKb}`);
      mkdirSync(mnt);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt], { stdio: 'pipe' });
      mounts.push(mnt);
      cpSync(a.root, path.join(mnt, 'root'), { recursive: true });
      const root = path.join(mnt, 'root');
      const st = statfsSync(mnt);
      const fill = st.bavail * st.bsize - freeKb * 1024;
      if (fill > 0) writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(fill));
      const before = snapshot(root);
      const r = await runAs(built.specplan, [...NEW, '--root', root], { cwd: root });
      const after = snapshot(root);
      if (r.code === 0) {
        expect(after.has('spec/plans/fresh-plan/README.md'), `${freeKb} KB`).toBe(true);
        outcomes.push(`${freeKb}KB:ok`);
      } else {
        expect(isCleanError(r), `${freeKb} KB free: ${r.stderr}`).toBe(true);
        expect(r.stderr, `${freeKb} KB`).toMatch(/ENOSPC|no space|disk/i);
        expect(diffSnapshots(specOnly(before), specOnly(after)), `${freeKb} KB free: spec/ changed; stderr ${r.stderr}`).toEqual([]);
        outcomes.push(`${freeKb}KB:refused(${r.stderr.split('\n')[0]})`);
      }
      // Whatever happened, the repository reads and lints with the space back.
      execFileSync('rm', ['-f', path.join(mnt, 'filler')]);
      const lint = await runAs(built.specplan, ['lint', '--json', '--root', root], { cwd: root });
      expect(JSON.parse(lint.stdout).errorCount, `${freeKb} KB: ${lint.stdout.slice(0, 500)}`).toBe(0);
      execFileSync('umount', [mnt], { stdio: 'pipe' });
      mounts.splice(mounts.indexOf(mnt), 1);
    }
    // Both outcomes were exercised: the full disk refused, the roomy one wrote.
    expect(outcomes[0]).toMatch(/^0KB:refused/);
    expect(outcomes.at(-1)).toBe('64KB:ok');
    process.stderr.write(`ENOSPC outcomes: ${outcomes.join(' ')}\n`);
  }, 60_000);
});

describe.skipIf(!ROOT_OK)('EACCES: permission denied part-way through `specplan new` (real uid 65534)', () => {
  it('the feature back-reference written before the denied plans index is rolled back; spec/ unchanged', async (ctx) => {
    // uid 65534 must be able to reach the built CLI: a checkout under a private folder (mktemp -d
    // makes 0700 folders) cannot be traversed by it, and then this test cannot run.
    const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(built.specplan)}, require('fs').constants.R_OK)`], {
      uid: 65534,
      gid: 65534,
      stdio: 'ignore',
    });
    if (probe.status !== 0) {
      process.stderr.write(`EACCES test skipped: uid 65534 cannot reach ${built.specplan} (a parent folder is private)\n`);
      ctx.skip();
    }
    const a = makeArena({ git: false, symlinks: false });
    arenas.push(a);
    const chownTree = (p: string) => {
      chownSync(p, 65534, 65534);
      if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e));
    };
    chmodSync(a.base, 0o755);
    chownTree(a.root);
    // spec/plans stays root's: `new` writes the feature's back-reference first, then is denied the
    // plans index (its second file), so the first write must be rolled back.
    chownSync(path.join(a.root, 'spec/plans'), 0, 0);
    chmodSync(path.join(a.root, 'spec/plans'), 0o755);
    const before = snapshot(a.root);
    const r = await runAs(built.specplan, [...NEW, '--root', a.root], { uid: 65534, cwd: a.root, env: { PATH: process.env.PATH, HOME: a.base } });
    expect(r.code, r.stderr).not.toBe(0);
    expect(isCleanError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/could not write spec\/plans\/README\.md: permission denied \(EACCES\)/);
    expect(diffSnapshots(specOnly(before), specOnly(snapshot(a.root))), r.stderr).toEqual([]);
  }, 30_000);
});
