/**
 * `specplan index` on a 1,000-plan repository, killed with SIGKILL at random moments: some across
 * the whole run, some inside its journaled write (right after the journal appears). After each
 * kill every file is its old content or the content a complete run writes, never a mix; the next
 * command finishes what the journal records and says so; `index --check` is clean afterwards.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRepo, rng } from '../../bench/generate-repo.mjs';
import { buildAll, run, snapshot, type Built } from '../support/hardening-helpers.js';

const JOURNAL = '.specscore/journal.json';
let built: Built;
let base = '';
beforeAll(() => {
  built = buildAll();
  base = mkdtempSync(path.join(os.tmpdir(), 'specplan-index-kill-'));
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

/**
 * Run `specplan index` on `root` and SIGKILL it: `after` ms from the start, or `afterJournal` ms
 * after the journal appears. Resolves with whether the kill landed and the journal it left.
 */
function killIndex(
  root: string,
  when: { after: number } | { afterJournal: number },
): Promise<{ killed: boolean; journal: Array<{ file: string; before: string | null; content: string }> | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [built.specplan, 'index', '--root', root], {
      stdio: 'ignore',
      env: { ...process.env, SPECPLAN_TODAY: '2026-04-01' },
    });
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    if ('after' in when) timer = setTimeout(() => child.kill('SIGKILL'), when.after);
    else {
      poll = setInterval(() => {
        if (!existsSync(path.join(root, JOURNAL))) return;
        clearInterval(poll);
        timer = setTimeout(() => child.kill('SIGKILL'), when.afterJournal);
      }, 1);
    }
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      const file = path.join(root, JOURNAL);
      const journal = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as { changes: Array<{ file: string; before: string | null; content: string }> }).changes
        : null;
      resolve({ killed: signal === 'SIGKILL', journal });
    });
  });
}

/** Remove every feature's `## Plans` section, so that `specplan index` has a table to write back into each. */
function dropPlansTables(root: string): void {
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'README.md') {
        const text = readFileSync(p, 'utf8');
        const cut = text.replace(/\n## Plans\n[\s\S]*?(?=\n## |$)/, '\n');
        if (cut !== text) writeFileSync(p, cut);
      }
    }
  };
  walk(path.join(root, 'spec/features'));
}

describe('SIGKILL during specplan index on 1,000 plans', () => {
  it('leaves every file old or new; the next command completes the journal; index --check is clean', async () => {
    const template = path.join(base, 'template');
    generateRepo({ root: template, plans: 1000, features: 200, seed: 3 });
    dropPlansTables(template);
    const complete = path.join(base, 'complete');
    cpSync(template, complete, { recursive: true });
    const t0 = Date.now();
    const done = await run(built.specplan, ['index', '--root', complete], { timeoutMs: 60_000 });
    const took = Date.now() - t0;
    expect(done.code, done.stderr).toBe(0);
    const oldSnap = snapshot(template);
    const newSnap = snapshot(complete);
    const changed = [...newSnap.keys()].filter((k) => oldSnap.get(k) !== newSnap.get(k) && !k.startsWith('.specscore/'));
    expect(changed.length).toBeGreaterThan(50);

    const seed = Number(process.env.SPECPLAN_KILL_SEED ?? Date.now() % 1_000_000);
    const rand = rng(seed);
    const moments: Array<{ after: number } | { afterJournal: number }> = [
      { after: Math.round(took * (0.3 + 0.65 * rand())) },
      { after: Math.round(took * (0.3 + 0.65 * rand())) },
      { afterJournal: Math.round(40 * rand()) },
      { afterJournal: Math.round(40 * rand()) },
    ];
    // The atomic write's temp file (README.md.<digits>) may be left by a kill: never the file itself.
    const leftTemp = (file: string) => /\.\d+$/.test(file) && !oldSnap.has(file) && !newSnap.has(file);
    const log: string[] = [];
    let midWrite = 0;
    for (const [i, when] of moments.entries()) {
      const copy = path.join(base, `kill-${i}`);
      cpSync(template, copy, { recursive: true });
      const k = await killIndex(copy, when);
      const label = `seed ${seed}, ${JSON.stringify(when)}`;
      let fresh = 0;
      for (const [file, hash] of snapshot(copy)) {
        if (file.startsWith('.specscore/') || file.endsWith('/')) continue;
        expect(hash === oldSnap.get(file) || hash === newSnap.get(file) || leftTemp(file), `${label}: ${file} is neither old nor new`).toBe(true);
        if (hash === newSnap.get(file) && hash !== oldSnap.get(file)) fresh++;
      }
      if (k.journal) midWrite++;
      const pending = (k.journal ?? []).filter((c) => readFileSync(path.join(copy, c.file), 'utf8') === c.before).map((c) => c.file);

      const next = await run(built.specplan, ['index', '--root', copy], { timeoutMs: 60_000 });
      expect(next.code, `${label}: ${next.stderr}`).toBe(0);
      for (const f of pending) expect(next.stdout, label).toContain(`finished an interrupted earlier write: ${f}\n`);
      expect(existsSync(path.join(copy, JOURNAL)), label).toBe(false);
      // Every file is now what a complete run writes (a kill's temp file may stay beside it).
      const after = snapshot(copy);
      for (const [file, hash] of newSnap) if (!file.startsWith('.specscore/')) expect(after.get(file), `${label}: ${file}`).toBe(hash);
      for (const file of after.keys()) if (!file.startsWith('.specscore/')) expect(newSnap.has(file) || leftTemp(file), `${label}: ${file} is new`).toBe(true);
      // So `index --check` reads what it reads after a complete run; it runs on the last copy (temp files and all).
      if (i === moments.length - 1) {
        const check = await run(built.specplan, ['index', '--check', '--root', copy], { timeoutMs: 60_000 });
        expect([check.code, check.stdout], label).toEqual([0, '']);
      }
      log.push(
        `${JSON.stringify(when)}:${k.killed ? 'killed' : 'exited'}:${fresh}/${changed.length} new${k.journal ? `, journal of ${k.journal.length}, ${pending.length} finished by the next command` : ''}`,
      );
      rmSync(copy, { recursive: true, force: true });
    }
    process.stderr.write(`index kills (seed ${seed}, full run ${took} ms): ${log.join('; ')}\n`);
    // The kills timed from the journal land inside the journaled write.
    expect(midWrite, log.join('; ')).toBeGreaterThan(0);
  }, 300_000);
});
