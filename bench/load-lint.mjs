#!/usr/bin/env node
/**
 * `npm run bench`: cold load + lint of a synthetic repository (10,000 plans, 2,000 features,
 * about 31 MB of markdown) with the BUILT code in dist/ (run `npm run build` first).
 *
 * 1. generates the repository (bench/generate-repo.mjs) into --out DIR or a temp folder;
 * 2. runs `specplan lint --root DIR --format json` in fresh child processes and reports wall
 *    time and peak RSS (`process.resourceUsage().maxRSS`, via the bench/peak-rss.mjs preload);
 * 3. runs bench/load-child.mjs for the load / lint split;
 * 4. runs bench/parse-speed.mjs for fast-scanner vs remark + remark-gfm throughput (MB/s).
 *
 * Targets (2-core machine): under 3 s and under 500 MB. Exits 1 when a target is missed.
 *
 *   node bench/load-lint.mjs [--plans 10000] [--features 2000] [--seed 1] [--runs 3] [--out DIR] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..');
const TARGET_MS = 3000;
const TARGET_MB = 500;

function parseArgs(argv) {
  const out = { plans: 10000, features: 2000, seed: 1, runs: 3, out: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['--plans', '--features', '--seed', '--runs'].includes(a)) out[a.slice(2)] = Number(argv[++i]);
    else if (a === '--out') out.out = argv[++i];
    else if (a === '--keep') out.keep = true;
    else throw new Error(`unknown argument ${a}; expected --plans N --features M --seed S --runs R --out DIR --keep`);
  }
  return out;
}

/** Run node with the peak-RSS preload; returns wall time, peak RSS (MB) and the result. */
function runChild(args, rssFile) {
  rmSync(rssFile, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', path.join(here, 'peak-rss.mjs'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { maxRssKb: NaN, cpuMs: NaN };
  return { ms, cpuMs: usage.cpuMs, rssMb: usage.maxRssKb / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => n.toFixed(d);

function main() {
  const args = parseArgs(process.argv.slice(2));
  const cli = path.join(projectRoot, 'dist/src/cli/specplan.js');
  const loader = path.join(projectRoot, 'dist/src/repo/load.js');
  if (!existsSync(loader)) throw new Error('dist/ is missing; run `npm run build` first');
  const dir = args.out ? path.resolve(args.out) : mkdtempSync(path.join(os.tmpdir(), 'specplan-bench-'));
  const tmpRss = path.join(os.tmpdir(), `specplan-bench-rss-${process.pid}`);
  try {
    const g0 = performance.now();
    const gen = generateRepo({ root: dir, plans: args.plans, features: args.features, seed: args.seed });
    console.log(
      `generated ${gen.plans} plans (${gen.roadmaps} roadmaps, ${gen.children} children), ${gen.features} features, ${gen.proposals} proposals: ${gen.files} files, ${fmt(gen.bytes / 1e6, 1)} MB (${fmt(gen.bytes / 1048576, 1)} MiB) in ${fmt((performance.now() - g0) / 1000, 1)} s → ${dir}`,
    );
    console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);

    const useCli = existsSync(path.join(projectRoot, 'dist/src/cli/commands/lint.js'));
    const cmd = useCli ? [cli, 'lint', '--root', dir, '--format', 'json'] : [path.join(here, 'load-child.mjs'), dir];
    console.log(
      `\ncold load + lint: ${useCli ? 'specplan lint --root DIR --format json' : 'loadRepo + lintRepo (lint command not built)'}, fresh process each run`,
    );
    const runs = [];
    for (let i = 0; i < args.runs; i++) {
      const r = runChild(cmd, tmpRss);
      if (r.status !== 0 && r.status !== 1) throw new Error(`child failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
      let summary = '';
      if (useCli) {
        const json = JSON.parse(r.stdout);
        summary = `${json.errorCount} errors, ${json.warningCount} warnings`;
      }
      runs.push(r);
      console.log(
        `  run ${i + 1}: ${fmt(r.ms)} ms wall, ${fmt(r.cpuMs)} ms CPU, peak RSS ${fmt(r.rssMb)} MB, exit ${r.status}${summary ? `, ${summary}` : ''}`,
      );
    }
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    const mb = Math.max(...runs.map((r) => r.rssMb));

    const split = runChild([path.join(here, 'load-child.mjs'), dir], tmpRss);
    if (split.status === 0) {
      const s = JSON.parse(split.stdout);
      console.log(
        `\nsplit (one process): import ${s.importMs} ms, loadRepo ${s.loadMs} ms, lintRepo ${s.lintMs} ms; ${fmt(split.ms)} ms wall, ${fmt(split.cpuMs)} ms CPU, peak RSS ${fmt(split.rssMb)} MB`,
      );
      console.log(
        `  loaded ${s.plans} plans, ${s.features} features, ${s.proposals} proposals, ${s.indexRows} index rows; ${s.errors} errors, ${s.warnings} warnings`,
      );
    }

    const speed = runChild([path.join(here, 'parse-speed.mjs'), dir, '25'], tmpRss);
    if (speed.status === 0) {
      const s = JSON.parse(speed.stdout);
      console.log(`\nparser throughput over ${s.documents} documents (${s.megabytes} MB; reading them took ${s.readMs} ms):`);
      console.log(`  fast outline scan: ${s.scanMBps} MB/s; full fast parse (plans + features): ${s.parseMBps} MB/s`);
      console.log(
        `  remark + remark-gfm on a ${s.remarkSampleDocs}-document sample (${s.remarkSampleMB} MB): ${s.remarkMBps} MB/s (fast scan on the same sample: ${s.fastOnSampleMBps} MB/s); remark on the whole repository would take ~${s.remarkProjectedFullRepoS} s`,
      );
    } else console.log(`\nparse-speed child failed: ${speed.stderr.slice(0, 300)}`);

    const ok = ms < TARGET_MS && mb < TARGET_MB;
    console.log(
      `\nload average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (wall time is only meaningful on an otherwise idle machine; CPU time is the load-independent figure)`,
    );
    console.log(
      `result: median ${fmt(ms)} ms wall, ${fmt(cpu)} ms CPU (target < ${TARGET_MS} ms), peak RSS ${fmt(mb)} MB (target < ${TARGET_MB} MB): ${ok ? 'PASS' : 'FAIL'}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(tmpRss, { force: true });
    if (!args.out && !args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`repository kept at ${dir}`);
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 2;
}
