/**
 * The repository write lock records its owner (pid, host, start time). A lock whose owner is gone
 * (killed), or that has no owner record (committed, or left empty), is taken over at once with a
 * message saying whose it was; only a live owner makes a writer wait, and a writer that gives up
 * names that owner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withRepoLock } from '../../src/repo/write.js';
import { buildAll, isCleanError, makeArena, run, type Arena, type Built } from '../support/hardening-helpers.js';
import { makeScene, type Scene } from '../support/victim.js';

const LOCK = '.specscore/write.lock';
let built: Built;
let scene: Scene | null = null;
let arena: Arena | null = null;
let holder: ChildProcess | null = null;
beforeAll(() => {
  built = buildAll();
});
afterEach(() => {
  if (holder && holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
  holder = null;
  scene?.cleanup();
  scene = null;
  arena?.cleanup();
  arena = null;
});

function newPlan(root: string, slug = 'fresh') {
  return run(built.specplan, ['new', slug, '--title', 'Fresh', '--author', '@victim', '--feature', 'cli'], { cwd: root, timeoutMs: 40_000 });
}

/** A child process (the built code) that takes the lock and holds it until killed or `holdMs` passes. */
async function holdLock(root: string, holdMs = 600_000): Promise<ChildProcess> {
  const script = path.join(root, '..', 'hold-lock.mjs');
  writeFileSync(
    script,
    `import { withRepoLock } from ${JSON.stringify(path.join(built.root, 'src/repo/write.js'))};
await withRepoLock(process.argv[2], async () => {
  process.stdout.write('locked\\n');
  await new Promise((resolve) => setTimeout(resolve, Number(process.argv[3])));
});
`,
  );
  const child = spawn(process.execPath, [script, root, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return child;
}

describe('a lock that came with a commit', () => {
  it('is taken over at once, even when its owner record names a live process on this host', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('chore: state', (up) => {
      mkdirSync(path.join(up, LOCK), { recursive: true });
      writeFileSync(path.join(up, LOCK, 'owner.json'), JSON.stringify({ pid: 1, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    });
    const t0 = Date.now();
    const r = await newPlan(victim);
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/took over a stale lock/);
    expect(r.stderr).toMatch(/tracked by git/);
    expect(existsSync(path.join(victim, 'spec/plans/fresh/README.md'))).toBe(true);
  });
});

describe('whats-next, as CI runs it after a merge', () => {
  it('takes over a committed lock folder at once and says so among its messages', async () => {
    scene = makeScene();
    const { victim } = scene;
    scene.attack('chore: state', (up) => {
      mkdirSync(path.join(up, LOCK), { recursive: true });
      writeFileSync(path.join(up, LOCK, 'stuck'), 'a lock folder with no owner record\n');
    });
    const t0 = Date.now();
    const r = await run(built.whatsNext, ['--incremental', '--provider', 'none'], { cwd: victim, timeoutMs: 40_000 });
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^whats-next: took over a stale lock with no owner record .*git tracks it/m);
    expect(existsSync(path.join(victim, 'spec/plans/WHATS-NEXT.md'))).toBe(true);
  });
});

describe('a lock left behind on this machine', () => {
  it('by a killed writer is taken over at once, naming the dead owner', async () => {
    arena = makeArena({ symlinks: false });
    const { root } = arena;
    holder = await holdLock(root);
    const pid = holder.pid!;
    holder.kill('SIGKILL');
    await new Promise((r) => holder!.once('close', r));
    const t0 = Date.now();
    const r = await newPlan(root);
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`took over a stale lock left by pid ${pid} on ${os.hostname()} since `);
    expect(existsSync(path.join(root, 'spec/plans/fresh/README.md'))).toBe(true);
    expect(existsSync(path.join(root, LOCK))).toBe(false);
  });

  it('as an empty lock folder (no owner record) is taken over at once', async () => {
    arena = makeArena({ symlinks: false, git: false });
    const { root } = arena;
    mkdirSync(path.join(root, LOCK), { recursive: true });
    const t0 = Date.now();
    const r = await newPlan(root);
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/took over a stale lock .*no owner record/);
  });

  it.skipIf(!existsSync('/proc/self/stat'))('whose owner record names a live pid that started at another time (a reused pid) is taken over', async () => {
    arena = makeArena({ symlinks: false, git: false });
    const { root } = arena;
    mkdirSync(path.join(root, LOCK), { recursive: true });
    writeFileSync(
      path.join(root, LOCK, 'owner.json'),
      JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z', started: 'not-its-start' }),
    );
    const r = await newPlan(root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`took over a stale lock left by pid ${process.ppid} on ${os.hostname()} since 2026-01-01T00:00:00.000Z`);
  });
});

describe('a lock held by a live writer', () => {
  it('makes the next writer wait, and a writer that gives up names the owner', async () => {
    arena = makeArena({ symlinks: false, git: false });
    const { root } = arena;
    holder = await holdLock(root);
    let ran = false;
    const err = await withRepoLock(root, async () => void (ran = true), { waitMs: 800 }).then(
      () => null,
      (e: Error) => e,
    );
    expect(ran).toBe(false);
    expect(err?.message).toContain(`pid ${holder.pid} on ${os.hostname()}`);
    expect(err?.message).toMatch(/still running/);
    expect(existsSync(path.join(root, LOCK))).toBe(true); // the live owner's lock is left alone
  });

  it('is waited for, and the writer proceeds once the owner releases it', async () => {
    arena = makeArena({ symlinks: false, git: false });
    const { root } = arena;
    holder = await holdLock(root, 700);
    const r = await newPlan(root);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(isCleanError(r)).toBe(false);
  });
});
