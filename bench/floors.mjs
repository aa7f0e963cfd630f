#!/usr/bin/env node
/**
 * What the large repository's targets cost at the least: each figure is a ratio to the read-only
 * reference of `npm run bench` (bench/read-only.mjs) on the same generated repository, measured
 * in turn with it (medians). Uses the built code (run `npm run build` first).
 *
 * - `node -e 0` and `specplan --version`: a process and the CLI's start-up;
 * - walking `spec/` and stat-ing every file, reading none, and stat-ing a list of the files (and
 *   of the folders and files) kept from an earlier walk: what noticing one changed file costs
 *   without a process watching the repository;
 * - `specplan lint` with nothing changed since the run that kept its lint state: the least a
 *   lint from the state costs;
 * - `specplan lint` on a writable copy of the synchestra corpus (239 files), its document cache
 *   warm: the CLI's cost on a small repository;
 * - reading and parsing every document with the product's parsers, keeping nothing
 *   (bench/parse-all.mjs): what any cold lint or What's Next that parses each document costs at
 *   the least;
 * - loading the repository into the model with no rule run: the floor of this cold lint.
 *
 *   node bench/floors.mjs [--runs 5] [--plans 10000] [--corpus DIR]
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, runNode, summary } from './measure.mjs';
import { prepareLarge } from './large-repo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..');
const args = { runs: 5, plans: 10000, corpus: path.resolve(projectRoot, '../shared/corpora/synchestra-spec') };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--runs' || a === '--plans') args[a.slice(2)] = Number(process.argv[++i]);
  else if (a === '--corpus') args.corpus = process.argv[++i];
  else {
    process.stderr.write(`floors: unknown argument ${a}; expected --runs N --plans N --corpus DIR\n`);
    process.exit(2);
  }
}

const specplan = path.join(projectRoot, 'dist/src/cli/specplan.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'specplan-floors-'));
try {
  const root = path.join(work, 'large');
  const g = prepareLarge(root, { plans: args.plans, whatsNextBin: path.join(projectRoot, 'dist/src/cli/whats-next.js') });
  const corpus = path.join(work, 'corpus');
  cpSync(args.corpus, corpus, { recursive: true });
  chmodSync(corpus, 0o755); // writable, as a clone is, so the document cache is kept
  const list = path.join(work, 'files.txt');
  const both = path.join(work, 'folders-and-files.txt');
  const files = [];
  const folders = [];
  const walk = (rel) => {
    folders.push(rel);
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else if (e.isFile()) files.push(`${rel}/${e.name}`);
    }
  };
  walk('spec');
  writeFileSync(list, `${files.join('\n')}\n`);
  writeFileSync(both, `${[...folders, ...files].join('\n')}\n`);
  // The lint state, written by a run that starts after the generated files are past the racily
  // clean margin (two seconds), as a run some time after a checkout.
  await new Promise((done) => setTimeout(done, 2100));
  runNode([specplan, 'lint', '--root', root], { ok: [0, 1] });
  process.stdout.write(`large repository: ${g.description}; reference \`node bench/read-only.mjs\`; ${args.runs} alternating runs per row\n`);
  const reference = () => runNode([path.join(here, 'read-only.mjs'), root]);
  const rows = [
    ['node -e 0', () => runNode(['-e', '0'])],
    ['specplan --version', () => runNode([specplan, '--version'])],
    ['walk spec/ and stat every file, read none', () => runNode([path.join(here, 'stat-only.mjs'), root])],
    ['stat every file from a list kept earlier, no walk', () => runNode([path.join(here, 'stat-only.mjs'), root, '--list', list])],
    [
      'stat every folder and file from a list kept earlier (what the lint state checks)',
      () => runNode([path.join(here, 'stat-only.mjs'), root, '--list', both]),
    ],
    ['specplan lint, nothing changed, lint state kept', () => runNode([specplan, 'lint', '--root', root], { ok: [0, 1] })],
    ['specplan lint on the corpus (239 files, warm cache)', () => runNode([specplan, 'lint', '--root', corpus], { ok: [0, 1] })],
    ["read and parse every document with the product's parsers, keep nothing", () => runNode([path.join(here, 'parse-all.mjs'), root])],
    ['load the repository into the model, no rule', () => runNode([path.join(here, 'load-child.mjs'), root, '--load-only'], { env: { SPECPLAN_CACHE: '0' } })],
  ];
  for (const [name, subject] of rows) {
    const { ref, sub } = alternate(args.runs, reference, subject);
    const r = summary(ref);
    const s = summary(sub);
    process.stdout.write(
      `${name}: ${s.wall.toFixed(0)} ms wall, ${s.cpu.toFixed(0)} ms CPU, ${s.rss.toFixed(0)} MB | reference ${r.wall.toFixed(0)} ms wall, ${r.cpu.toFixed(0)} ms CPU | ` +
        `${(s.wall / r.wall).toFixed(2)}× wall, ${(s.cpu / r.cpu).toFixed(2)}× CPU\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
