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
import { generateRepo } from './whats-next-gen.mjs';

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

function cli(args, date) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, '--root', root, '--provider', 'none', ...args], { env: { ...process.env, SPECPLAN_TODAY: date }, encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`whats-next ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, stderr: r.stderr.trim() };
}

try {
  const g = generateRepo(root, { plans });
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'synthetic'], { cwd: root });
  process.stdout.write(`repository: ${g.plans} plans, ${g.features} features, ${g.items.length} work items (${root})\n`);
  process.stdout.write(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);

  const full = [];
  for (let i = 0; i < runs; i++) full.push(cli(['--full'], `2026-03-0${1 + i}`).wall);
  const inc = [];
  let msg = '';
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const r = cli(['--incremental'], `2026-04-0${1 + i}`);
    inc.push(r.wall);
    msg = r.stderr;
  }
  process.stdout.write(`full mode, offline (fresh process each): median ${ms(median(full))} [${full.map(ms).join(', ')}] target < 5000 ms\n`);
  process.stdout.write(`incremental, no change (fresh process each): median ${ms(median(inc))} [${inc.map(ms).join(', ')}] target < 1000 ms — "${msg}"\n`);

  // In-process stages of one full build.
  const { loadRepo } = await import('../dist/src/repo/load.js');
  const { loadExecution } = await import('../dist/src/repo/execution.js');
  const { generateWhatsNext } = await import('../dist/src/whats-next/generate.js');
  const { quickUpToDate } = await import('../dist/src/whats-next/quick-check.js');
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
  process.stdout.write(`report size: ${(c.v.text.length / 1024).toFixed(0)} KiB (state ${((c.v.text.length - c.v.text.indexOf('<!-- whats-next-state')) / 1024).toFixed(0)} KiB)\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
