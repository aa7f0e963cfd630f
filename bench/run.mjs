#!/usr/bin/env node
/**
 * `npm run bench`: every row of the performance table, each as a ratio to a reference measured
 * in the same run (alternating runs, medians), plus peak memory. Uses the built bins (the
 * `bin` entries of package.json; run `npm run build` first).
 *
 * Small repositories: a copy of the synchestra corpus (a git repository, so `check-frozen
 * --staged` has an index), and one of the specscore corpus (the later format, with a
 * specscore.yaml) for the quick commands, against `node -e 0`. Large repository: bench/generate-repo.mjs
 * (10,000 plans, 2,000 features, about 31 MB) with a work-items ledger, against
 * bench/read-only.mjs (a script that only reads every file under spec/).
 *
 *   node bench/run.mjs [--runs 5] [--plans 10000] [--only small|large] [--corpus DIR] [--later DIR] [--json FILE] [--before DIST]
 *
 * `--before DIST` (a `dist/` folder of an earlier build) runs each small-repository row, and the
 * cold and incremental rows of the large one, with that build too, in turn with this one and the
 * reference, so both are measured under the same load.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, runNode, summary } from './measure.mjs';
import { prepareLarge } from './large-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..');

function parseArgs(argv) {
  const corpora = path.resolve(projectRoot, '../shared/corpora');
  const out = {
    runs: 5,
    plans: 10000,
    only: null,
    corpus: path.join(corpora, 'synchestra-spec'),
    later: path.join(corpora, 'specscore-spec'),
    json: null,
    before: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs' || a === '--plans') out[a.slice(2)] = Number(argv[++i]);
    else if (a === '--only' || a === '--corpus' || a === '--later' || a === '--json' || a === '--before') out[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a}; expected --runs N --plans N --only small|large --corpus DIR --later DIR --json FILE --before DIST`);
  }
  if (out.before && !existsSync(path.join(out.before, 'src/cli/specplan.js')))
    throw new Error(`--before expects a built dist/ folder; ${out.before}/src/cli/specplan.js is missing`);
  if (!(out.runs >= 1)) throw new Error('--runs expects a positive number');
  return out;
}

const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
const bin = (name) => path.join(projectRoot, pkg.bin[name]);
const git = (cwd, ...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd, stdio: 'ignore' });
const rows = [];
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

/** Measure one row: alternate reference and subject, print and keep the figures. */
function row({ work, metric, target, reference, subject, prepare }, runs) {
  const { ref, sub } = alternate(runs, reference, subject, prepare);
  const r = summary(ref);
  const s = summary(sub);
  const ratio = s[metric] / r[metric];
  const ratios = { wall: s.wall / r.wall, cpu: s.cpu / r.cpu };
  const entry = { work, metric, subject: s, reference: r, ratio, ratios, target, met: target ? ratio <= target : null };
  rows.push(entry);
  process.stdout.write(
    `${work}: ${fmt(s.wall)} ms wall, ${fmt(s.cpu)} ms CPU, ${fmt(s.rss)} MB peak | reference ${fmt(r.wall)} ms wall, ${fmt(r.cpu)} ms CPU | ` +
      `${fmt(ratios.wall, 2)}× wall, ${fmt(ratios.cpu, 2)}× CPU${target ? ` (target ≤ ${target}× ${metric}: ${entry.met ? 'met' : 'missed'})` : ''}\n`,
  );
}

/**
 * A row whose subject also runs an earlier build (`--before`): reference, before and after take
 * turns, so all three see the same load; the before figures are printed under the row.
 */
function rowWithBefore(spec, beforeSubject, runs) {
  const series = [];
  let turn = 0;
  row(
    {
      ...spec,
      subject: () => {
        const b = beforeSubject();
        spec.prepare?.();
        const a = spec.subject();
        if (turn++ > 0) series.push(b); // the first turn is the uncounted warm-up
        return a;
      },
    },
    runs,
  );
  const last = rows.at(-1);
  const b = summary(series);
  last.before = { subject: b, ratios: { wall: b.wall / last.reference.wall, cpu: b.cpu / last.reference.cpu } };
  process.stdout.write(
    `  before: ${fmt(b.wall)} ms wall, ${fmt(b.cpu)} ms CPU, ${fmt(b.rss)} MB peak | ${fmt(last.before.ratios.wall, 2)}× wall, ${fmt(last.before.ratios.cpu, 2)}× CPU\n`,
  );
}

/** A copy of `corpus` its user can write to, as a clone is, committed to git (so `check-frozen --staged` has an index). */
function corpusCopy(corpus) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specplan-bench-corpus-'));
  cpSync(corpus, dir, { recursive: true });
  // The copy keeps the corpus's read-only modes.
  chmodSync(dir, 0o755);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'corpus');
  return dir;
}

const ROOT = '<root>';

/** Measure `rowsOf` on a copy of `corpus` (and on another copy with the --before build); returns the copy. */
function corpusRows(args, corpus, rowsOf) {
  const dir = corpusCopy(corpus);
  // The earlier build gets a copy of its own: a document cache written by one build is replaced by the other.
  const beforeDir = args.before ? corpusCopy(corpus) : null;
  process.stdout.write(`\nsmall repository: a copy of ${path.basename(corpus)}; reference \`node -e 0\`\n`);
  if (args.before) process.stdout.write(`each row also runs the build in ${args.before} ("before"), in turn with this one\n`);
  const nodeE0 = () => runNode(['-e', '0']);
  const cli =
    (script, cwd, argv, ok = [0, 1]) =>
    () =>
      runNode([script, ...argv.map((a) => (a === ROOT ? cwd : a))], { cwd, ok });
  for (const r of rowsOf) {
    const spec = { work: r.work, metric: 'wall', target: r.target ?? null, reference: nodeE0, subject: cli(bin('specplan'), dir, r.argv) };
    if (args.before) rowWithBefore(spec, cli(path.join(args.before, 'src/cli/specplan.js'), beforeDir, r.argv), args.runs);
    else row(spec, args.runs);
  }
  if (beforeDir) rmSync(beforeDir, { recursive: true, force: true });
  return dir;
}

/** The small-repository rows; returns the copy of the synchestra corpus (for the MCP start-up row) and every copy made. */
function small(args) {
  if (!existsSync(path.join(args.corpus, 'spec'))) {
    process.stdout.write(`small repository rows skipped: no corpus at ${args.corpus} (pass --corpus DIR)\n`);
    return { main: null, copies: [] };
  }
  const main = corpusRows(args, args.corpus, [
    { work: 'specplan --version', argv: ['--version'], target: 1.5 },
    { work: 'specplan --help', argv: ['--help'], target: 1.5 },
    { work: 'specplan lint (corpus)', argv: ['lint', '--root', ROOT], target: 2.5 },
    { work: 'specplan status (corpus)', argv: ['status', '--root', ROOT], target: 2.5 },
    { work: 'specplan check-frozen --staged (corpus)', argv: ['check-frozen', '--staged'], target: 2.5 },
    // No target: what a writing command costs up to the write (the plan, its index row and back-references).
    {
      work: 'specplan new --dry-run (corpus)',
      argv: ['new', 'bench-plan', '--title', 'Bench', '--author', '@bench', '--feature', 'api', '--dry-run', '--root', ROOT],
    },
  ]);
  const copies = [main];
  // No targets: the same quick commands on a repository in the later format, which has a
  // specscore.yaml (so they read a configuration file).
  if (existsSync(path.join(args.later, 'spec')))
    copies.push(
      corpusRows(args, args.later, [
        { work: `specplan lint (${path.basename(args.later)})`, argv: ['lint', '--root', ROOT] },
        { work: `specplan status (${path.basename(args.later)})`, argv: ['status', '--root', ROOT] },
        { work: `specplan check-frozen --staged (${path.basename(args.later)})`, argv: ['check-frozen', '--staged'] },
      ]),
    );
  return { main, copies };
}

function large(args) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specplan-bench-large-'));
  const g = prepareLarge(root, { plans: args.plans, whatsNextBin: bin('whats-next') });
  process.stdout.write(`\nlarge repository: ${g.description}; reference \`node bench/read-only.mjs\` (reads every file under spec/)\n`);
  const reference = () => runNode([path.join(here, 'read-only.mjs'), root]);
  const env = { SPECPLAN_TODAY: '2026-03-02' };
  const dropCache = () => rmSync(path.join(root, '.specscore/cache'), { recursive: true, force: true });
  const specplan =
    (argv, script = bin('specplan')) =>
    () =>
      runNode([script, ...argv, '--root', root], { ok: [0, 1], env });
  const whatsNext =
    (argv, script = bin('whats-next')) =>
    () =>
      runNode([script, ...argv, '--root', root, '--provider', 'none'], { env });
  const beforeBin = (name) => path.join(args.before ?? '', `src/cli/${name}.js`);
  // With --before, the earlier build runs each large row in turn with this one.
  const measure = (spec, beforeSubject) => (args.before ? rowWithBefore(spec, beforeSubject, args.runs) : row(spec, args.runs));
  measure(
    {
      work: `specplan lint, ${g.planFiles.length} plans, cold`,
      metric: 'cpu',
      target: 3,
      reference,
      subject: specplan(['lint', '--format', 'json']),
      prepare: dropCache,
    },
    specplan(['lint', '--format', 'json'], beforeBin('specplan')),
  );
  // No target: the same run with the caches off, so the price of keeping them shows (on 10,000
  // plans only the lint state: the document cache is not kept for a repository that large).
  row(
    {
      work: `specplan lint, ${g.planFiles.length} plans, cold, SPECPLAN_CACHE=0 (no cache kept)`,
      metric: 'cpu',
      target: null,
      reference,
      subject: () => runNode([bin('specplan'), 'lint', '--format', 'json', '--root', root], { ok: [0, 1], env: { ...env, SPECPLAN_CACHE: '0' } }),
    },
    args.runs,
  );
  measure(
    { work: 'whats-next --full --provider none, cold', metric: 'cpu', target: 4, reference, subject: whatsNext(['--full']), prepare: dropCache },
    whatsNext(['--full'], beforeBin('whats-next')),
  );
  measure(
    { work: 'whats-next --incremental, nothing changed', metric: 'wall', target: 1.2, reference, subject: whatsNext(['--incremental']) },
    whatsNext(['--incremental'], beforeBin('whats-next')),
  );
  let k = 0;
  const touchOne = () => appendFileSync(path.join(root, g.planFiles[k++ % g.planFiles.length]), '\nOne more note.\n');
  // Each build keeps its own lint state: with --before the two take turns on one repository, and
  // a build finding the other's state (written by another build) would lint from scratch.
  const stateFile = path.join(root, '.specscore/cache/lint-state');
  const ownState = (build, run) => () => {
    const kept = `${stateFile}.${build}`;
    rmSync(stateFile, { force: true });
    if (existsSync(kept)) renameSync(kept, stateFile);
    const r = run();
    if (existsSync(stateFile)) renameSync(stateFile, kept);
    return r;
  };
  const warmLint = ownState('this', specplan(['lint', '--format', 'json']));
  const warmLintBefore = ownState('before', specplan(['lint', '--format', 'json'], beforeBin('specplan')));
  // A warm cache: one run of each build writes it (the earlier rows ran other bins or dropped it),
  // then before each measured run one plan changes, so each run finds the state it wrote.
  dropCache();
  warmLint();
  if (args.before) warmLintBefore();
  measure(
    {
      work: 'specplan lint, warm cache, one plan changed',
      metric: 'wall',
      target: 0.5,
      reference,
      subject: warmLint,
      prepare: touchOne,
    },
    warmLintBefore,
  );
  // No target: the least a warm run can cost, noticing a changed file by its stat without reading it.
  row(
    {
      work: 'walk and stat every file under spec/ (no reading; the floor of a warm run)',
      metric: 'wall',
      target: null,
      reference,
      subject: () => runNode([path.join(here, 'stat-only.mjs'), root]),
    },
    args.runs,
  );
  return root;
}

/**
 * Hook for the MCP start-up row: bench/mcp-startup.mjs (owned by the MCP server's code) measures
 * the time to the first `tools/list` answer; when present it is run on the corpus copy and its
 * output is printed here.
 */
function mcpStartupRow(copy) {
  const script = path.join(here, 'mcp-startup.mjs');
  if (!existsSync(script) || !copy) {
    process.stdout.write('\nMCP start-up to the first tools/list answer: bench/mcp-startup.mjs is not there; row skipped\n');
    return;
  }
  process.stdout.write('\nMCP start-up to the first tools/list answer (bench/mcp-startup.mjs):\n');
  const r = runNode([script, copy], { env: { BENCH_CORPUS: copy }, ok: [0, 1] });
  process.stdout.write(r.stdout);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const name of Object.keys(pkg.bin)) if (!existsSync(bin(name))) throw new Error(`${pkg.bin[name]} is missing; run \`npm run build\` first`);
  process.stdout.write(
    `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; ${args.runs} alternating runs per row (medians; one warm-up of each not counted)\n`,
  );
  const temps = [];
  try {
    let corpus = null;
    if (args.only !== 'large') {
      const s = small(args);
      corpus = s.main;
      temps.push(...s.copies);
    }
    if (args.only !== 'small') temps.push(large(args));
    if (args.only !== 'large') mcpStartupRow(corpus);
  } finally {
    for (const t of temps) if (t) rmSync(t, { recursive: true, force: true });
  }
  const missed = rows.filter((r) => r.met === false);
  const targeted = rows.filter((r) => r.met !== null).length;
  process.stdout.write(`\n${targeted - missed.length} of ${targeted} targets met${missed.length ? `; missed: ${missed.map((r) => r.work).join('; ')}` : ''}\n`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ node: process.version, cpus: os.cpus().length, runs: args.runs, rows }, null, 2)}\n`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 2;
}
