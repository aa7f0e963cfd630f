#!/usr/bin/env node
/**
 * What's Next benchmark: full mode, offline, on a synthetic 10,000-plan repository, then
 * incremental with no change. Each run is a fresh `whats-next` process (what a user or CI pays),
 * timed end to end; the in-process stages are timed too. Targets (2-core machine): full < 5 s,
 * incremental no-change < 1 s.
 *
 *   npm run build && node bench/whats-next.mjs [PLANS=10000] [RUNS=3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo as generateOwn, writeLedger } from './whats-next-gen.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '../dist/src/cli/whats-next.js');
if (!existsSync(bin)) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}
const plans = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const root = mkdtempSync(path.join(os.tmpdir(), 'wn-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One fresh `whats-next` process: wall time, and (with /usr/bin/time) its CPU time and peak RSS. */
function cli(args, date) {
  const argv = [bin, '--root', root, '--provider', 'none', ...args];
  const t = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '@@%U %S %M', process.execPath, ...argv], { env: { ...process.env, SPECPLAN_TODAY: date }, encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { env: { ...process.env, SPECPLAN_TODAY: date }, encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`whats-next ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /@@([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  const cpu = m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN;
  const rss = m ? Number(m[3]) / 1024 : NaN;
  return { wall, cpu, rss, stderr: r.stderr.replace(/@@.*\n?/, '').trim() };
}

/**
 * The foundation's synthetic repository (bench/generate-repo.mjs: 10,000 plans, 2,000 features,
 * about 31 MB) plus a work-items ledger, so What's Next has completions, work in progress and
 * blockers to report: of the approved plans (first children of roadmaps included), 30 % are
 * completed and 25 % in progress, a fifth of those with a blocked item. Deterministic.
 */
async function generate() {
  let foundation = null;
  try {
    foundation = await import('./generate-repo.mjs');
  } catch {
    /* not there: use the What's Next generator */
  }
  if (!foundation?.generateRepo) return { ...generateOwn(root, { plans }), source: 'bench/whats-next-gen.mjs' };
  const out = foundation.generateRepo({ root, plans, features: 2000, seed: 1 });
  const { loadRepo } = await import('../dist/src/repo/load.js');
  const repo = loadRepo(root);
  const items = [];
  let k = 0;
  for (const [p, e] of [...repo.plans].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const plan = e.parsed.plan;
    if (plan.header.status !== 'approved' || !plan.steps?.length) continue;
    const x = (k++ * 7919) % 100;
    const date = `2026-02-${String(1 + (k % 28)).padStart(2, '0')}`;
    const steps = plan.steps.map((s) => s.number);
    const done = x < 30 ? steps.length : x < 55 ? Math.max(1, Math.floor(steps.length / 2)) : 0;
    for (const s of steps.slice(0, done)) items.push({ id: `SYN-${items.length + 1}`, plan: p, step: s, status: 'done', updated: date });
    if (x >= 30 && x < 55 && done < steps.length)
      items.push({ id: `SYN-${items.length + 1}`, plan: p, step: steps[done], status: x % 5 === 0 ? 'blocked' : 'in_progress', updated: date });
  }
  writeLedger(root, items);
  return { plans: repo.plans.size, features: repo.features.size, items, source: `bench/generate-repo.mjs (${(out.bytes / 1e6).toFixed(0)} MB of markdown)` };
}

try {
  const g = await generate();
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'synthetic'], { cwd: root });
  process.stdout.write(`repository: ${g.plans} plans, ${g.features} features, ${g.items.length} work items, from ${g.source}\n`);
  process.stdout.write(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );

  const full = [];
  for (let i = 0; i < runs; i++) full.push(cli(['--full'], `2026-03-0${1 + i}`));
  const inc = [];
  for (let i = 0; i < Math.max(runs, 5); i++) inc.push(cli(['--incremental'], `2026-04-0${1 + i}`));
  const line = (name, xs, target) =>
    `${name}: wall median ${ms(median(xs.map((x) => x.wall)))} [${xs.map((x) => ms(x.wall)).join(', ')}]; ` +
    `CPU (user+sys) median ${ms(median(xs.map((x) => x.cpu)))}; peak RSS ${Math.round(Math.max(...xs.map((x) => x.rss)))} MiB; target < ${target} ms\n`;
  process.stdout.write(line('full mode, offline, fresh process', full, 5000));
  process.stdout.write(line('incremental, no change, fresh process', inc, 1000));
  process.stdout.write(`  last message: "${inc.at(-1).stderr}"\n`);

  // In-process stages of one full build.
  const { loadRepo } = await import('../dist/src/repo/load.js');
  const { loadExecution } = await import('../dist/src/repo/execution.js');
  const { generateWhatsNext } = await import('../dist/src/whats-next/generate.js');
  const { quickUpToDate } = await import('../dist/src/app/whats-next-quick-check.js');
  const { readFileSync } = await import('node:fs');
  const stage = async (fn) => {
    const c = process.cpuUsage();
    const t = performance.now();
    const v = await fn();
    const d = process.cpuUsage(c);
    return { v, wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
  };
  const a = await stage(() => loadRepo(root));
  const b = await stage(() => loadExecution(root));
  const prev = readFileSync(path.join(root, 'spec/plans/WHATS-NEXT.md'), 'utf8');
  const c = await stage(() => generateWhatsNext({ repo: a.v, items: b.v.items, previousText: null, mode: 'full', today: '2026-05-01' }));
  const d = await stage(() => quickUpToDate(root, prev, 5));
  process.stdout.write(
    `stages (wall / cpu): loadRepo ${ms(a.wall)} / ${ms(a.cpu)}; loadExecution ${ms(b.wall)} / ${ms(b.cpu)}; generate (facts, rank, render, state) ${ms(c.wall)} / ${ms(c.cpu)}; no-change check ${ms(d.wall)} / ${ms(d.cpu)} (${d.v ? 'up to date' : 'changed'})\n`,
  );
  process.stdout.write(
    `report size: ${(c.v.text.length / 1024).toFixed(0)} KiB (state ${((c.v.text.length - c.v.text.indexOf('<!-- whats-next-state')) / 1024).toFixed(0)} KiB)\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
