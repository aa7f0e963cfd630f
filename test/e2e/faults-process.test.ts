/**
 * Process faults against the built CLI: SIGKILL in the middle of `whats-next --full` (every file
 * ends old or new, never a mix; `specplan index` killed inside its journaled write is
 * index-interrupted.test.ts), concurrent `whats-next` runs (each finishes or exits with a clear
 * message; the report is whole), git missing from PATH and a repository that is not a git
 * repository (what needs git says so, the rest works).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, isCleanError, makeArena, planText, run, snapshot, write, type Arena, type Built } from '../support/hardening-helpers.js';

let built: Built;
const arenas: Arena[] = [];
beforeAll(() => {
  built = buildAll();
}, 120_000);
afterAll(() => arenas.forEach((a) => a.cleanup()));

/** An arena with 100 extra plans over 60 features whose index is stale. */
function bigArena(): Arena {
  const a = makeArena({ git: false, symlinks: false });
  arenas.push(a);
  for (let i = 0; i < 100; i++) {
    const f = `area-${String(i % 60).padStart(2, '0')}`;
    if (i < 60) write(a.root, `spec/features/${f}/README.md`, `# Feature: ${f}\n\n**Status:** Approved\n\n## Summary\n\n${f}.\n`);
    write(a.root, `spec/plans/bulk-${String(i).padStart(3, '0')}/README.md`, planText({ title: `Bulk ${i}`, feature: f }));
  }
  return a;
}

/** Start a built script and SIGKILL it after `ms`; resolves when it is gone. */
function killAfter(script: string, args: string[], ms: number, env: NodeJS.ProcessEnv = process.env): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: 'ignore' });
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code, signal) => {
      clearTimeout(t);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

/**
 * Kill `args` at several moments in copies of `template`; after each kill every file is either
 * its old content or the content a complete run writes (`expected`), never anything else.
 */
async function killMatrix(script: string, template: string, args: (root: string) => string[], fractions: number[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  const full = `${template}-complete`;
  cpSync(template, full, { recursive: true });
  const t0 = Date.now();
  const done = await run(script, args(full), { env });
  const took = Date.now() - t0;
  expect(done.code, done.stderr).toBe(0);
  // Kill at fractions of a complete run's wall time: the writes happen in its last part. The
  // spread starts early so that at least one kill lands even when the machine's load makes the
  // reference run slower or faster than the killed ones.
  const delays = fractions.map((f) => Math.round(took * f));
  const oldSnap = snapshot(template);
  const newSnap = snapshot(full);
  const changedByRun = [...newSnap.keys()].filter((k) => oldSnap.get(k) !== newSnap.get(k) && !k.startsWith('.specscore/'));
  expect(changedByRun.length).toBeGreaterThan(0);
  const log: string[] = [];
  for (const ms of delays) {
    const copy = `${template}-kill-${ms}`;
    cpSync(template, copy, { recursive: true });
    const k = await killAfter(script, args(copy), ms, env);
    const snap = snapshot(copy);
    let fresh = 0;
    for (const [file, hash] of snap) {
      if (file.startsWith('.specscore/') || file.endsWith('/')) continue;
      const ok = hash === oldSnap.get(file) || hash === newSnap.get(file);
      // write-file-atomic's temp files (README.md.<n>) may be left by a kill: never the file itself.
      const temp = /\.\d+$/.test(file) && !oldSnap.has(file) && !newSnap.has(file);
      expect(ok || temp, `killed after ${ms} ms: ${file} is neither old nor new`).toBe(true);
      if (hash === newSnap.get(file) && hash !== oldSnap.get(file)) fresh++;
    }
    log.push(`${ms}ms:${k.killed ? 'killed' : `exited ${k.code}`}:${fresh}/${changedByRun.length} new`);
    rmSync(copy, { recursive: true, force: true });
  }
  return log;
}

describe('SIGKILL during a write leaves every file old or new', () => {
  it('whats-next --full (WHATS-NEXT.md)', async () => {
    const a = bigArena();
    write(a.root, 'spec/plans/WHATS-NEXT.md', "# What's Next\n\nAn old report that the run replaces.\n");
    const env = { ...process.env, SPECPLAN_TODAY: '2026-04-01' };
    const log = await killMatrix(built.whatsNext, a.root, (root) => ['--full', '--provider', 'none', '--root', root], [0.5, 0.75, 0.9, 0.97], env);
    process.stderr.write(`whats-next kills: ${log.join(' ')}\n`);
    expect(log.some((l) => l.includes('killed'))).toBe(true);
  }, 60_000);
});

describe('concurrent whats-next runs', () => {
  it('three at once: each finishes or exits with a clear message, and the report is one whole report', async () => {
    const a = bigArena();
    const env = { ...process.env, SPECPLAN_TODAY: '2026-04-01' };
    const args = ['--full', '--provider', 'none', '--root', a.root];
    const runs = await Promise.all([run(built.whatsNext, args, { env }), run(built.whatsNext, args, { env }), run(built.whatsNext, args, { env })]);
    for (const r of runs) {
      expect([0, 1, 2], r.stderr).toContain(r.code);
      if (r.code !== 0) expect(isCleanError(r), r.stderr).toBe(true);
    }
    expect(runs.some((r) => r.code === 0)).toBe(true);
    const text = readFileSync(path.join(a.root, 'spec/plans/WHATS-NEXT.md'), 'utf8');
    // A sequential run on a copy writes the same bytes: no interleaving, no half report.
    const copy = `${a.root}-sequential`;
    cpSync(a.root, copy, { recursive: true });
    rmSync(path.join(copy, 'spec/plans/WHATS-NEXT.md'));
    const seq = await run(built.whatsNext, ['--full', '--provider', 'none', '--root', copy], { env });
    expect(seq.code, seq.stderr).toBe(0);
    expect(text).toBe(readFileSync(path.join(copy, 'spec/plans/WHATS-NEXT.md'), 'utf8'));
    process.stderr.write(`concurrent whats-next exits: ${runs.map((r) => `${r.code}${r.code ? ` (${r.stderr.split('\n')[0]})` : ''}`).join(', ')}\n`);
  }, 60_000);
});

describe('without git', () => {
  it('git missing from PATH: lint, status, graph and new work; what needs git says so', async () => {
    const a = makeArena({ symlinks: false });
    arenas.push(a);
    // A PATH holding only node: no git anywhere.
    const bin = path.join(a.base, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const env = { PATH: bin, HOME: a.base, SPECPLAN_TODAY: '2026-04-01' };
    const ok = [
      ['lint', '--root', a.root],
      ['status', '--root', a.root],
      ['graph', 'user-auth', '--root', a.root],
      ['new', 'no-git-plan', '--title', 'No git', '--author', '@a', '--feature', 'cli', '--date', '2026-04-01', '--root', a.root],
    ];
    const results = await Promise.all(ok.map((args) => run(built.specplan, args, { env })));
    results.forEach((r, i) => expect([0, 1], `${ok[i]!.join(' ')}: ${r.stderr}`).toContain(r.code));
    results.forEach((r, i) => expect(r.stderr, ok[i]!.join(' ')).not.toMatch(/unexpected error/));
    expect(readFileSync(path.join(a.root, 'spec/plans/no-git-plan/README.md'), 'utf8')).toContain('**Status:** draft');
    const staged = await run(built.specplan, ['check-frozen', '--staged', '--root', a.root], { env });
    expect(staged.code).not.toBe(0);
    expect(isCleanError(staged), staged.stderr).toBe(true);
    expect(staged.stderr).toMatch(/git/i);
    const commit = await run(built.whatsNext, ['--full', '--provider', 'none', '--commit', '--root', a.root], { env });
    expect(commit.stderr).toMatch(/git/i);
    expect(commit.stderr).not.toMatch(/unexpected error/);
  }, 60_000);

  it('not a git repository: lint, status, index work; check-frozen --staged and whats-next --commit say git is needed', async () => {
    const a = makeArena({ git: false, symlinks: false });
    arenas.push(a);
    const env = { ...process.env, SPECPLAN_TODAY: '2026-04-01', GIT_CEILING_DIRECTORIES: a.base };
    const [lint, status, index] = await Promise.all([
      run(built.specplan, ['lint', '--root', a.root], { env }),
      run(built.specplan, ['status', '--root', a.root], { env }),
      run(built.specplan, ['index', '--root', a.root], { env }),
    ]);
    for (const r of [lint, status, index]) expect(r.stderr).not.toMatch(/unexpected error/);
    expect(status.code, status.stderr).toBe(0);
    expect(index.code, index.stderr).toBe(0);
    const staged = await run(built.specplan, ['check-frozen', '--staged', '--root', a.root], { env });
    expect(staged.code).not.toBe(0);
    expect(isCleanError(staged), staged.stderr).toBe(true);
    expect(staged.stderr).toMatch(/git/i);
    const commit = await run(built.whatsNext, ['--full', '--provider', 'none', '--commit', '--root', a.root], { env });
    expect(commit.stderr).toMatch(/git/i);
    expect(commit.stderr).not.toMatch(/unexpected error/);
  }, 60_000);
});
