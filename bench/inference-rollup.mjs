#!/usr/bin/env node
/**
 * Inference and roll-up benchmark: the shapes that make a quadratic algorithm show.
 *
 * 1. One plan with a 16,000-step chain (each step depends on the one before it):
 *    `specplan suggest` (effort/impact inference: dependency depth, critical path, downstream
 *    counts) against `specplan lint` of the same repository.
 * 2. One roadmap with 2,000 child plans in Order 1..2,000, a third of them completed and some in
 *    progress: `specplan status` and `whats-next --full --dry-run` against `specplan lint`.
 *
 * Every command is a fresh process of the BUILT code (run `npm run build` first), timed end to
 * end; the figure that matters is the ratio to lint, measured in the same run on the same
 * repository, so a loaded machine slows both. A linear implementation stays within a small
 * factor of lint; the quadratic one was 30-60 times slower.
 *
 *   npm run build && node bench/inference-rollup.mjs [--steps 16000] [--children 2000] [--runs 3] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '../dist/src/cli');
const specplan = path.join(dist, 'specplan.js');
const whatsNext = path.join(dist, 'whats-next.js');
if (!existsSync(specplan) || !existsSync(whatsNext)) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}

function parseArgs(argv) {
  const out = { steps: 16_000, children: 2_000, runs: 3, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--steps' || a === '--children' || a === '--runs') out[a.slice(2)] = Number(argv[++i]);
    else if (a === '--keep') out.keep = true;
    else throw new Error(`unknown argument ${a}; expected --steps N --children N --runs N --keep`);
  }
  return out;
}

function write(root, rel, text) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

function head(title, up) {
  return `# Plan: ${title}\n\n**Status:** draft\n**Features:**\n  - [cli](${up}features/cli/README.md)\n**Source type:** feature\n**Source:** [cli](${up}features/cli/)\n**Author:** @alex\n**Created:** 2026-03-01\n\n## Context\n\n${title}.\n\n## Acceptance criteria\n\n- It works\n\n`;
}

function baseFiles(root) {
  write(root, 'specscore.yaml', 'planning:\n  llm:\n    provider: none\n');
  write(
    root,
    'spec/features/cli/README.md',
    '# Feature: CLI\n\n**Status:** Draft\n\n## Summary\n\nThe CLI.\n\n## Outstanding Questions\n\nNone at this time.\n',
  );
}

/** A repository with one plan whose `n` steps form a chain. */
function chainRepo(root, n) {
  baseFiles(root);
  const steps = [];
  for (let i = 1; i <= n; i++)
    steps.push(`### ${i}. Step ${i}\n\n**Depends on:** ${i === 1 ? '(none)' : `Step ${i - 1}`}\n\n**Acceptance criteria:**\n- Step ${i} works\n`);
  write(
    root,
    'spec/plans/long-chain/README.md',
    `${head('Long chain', '../../')}## Steps\n\n${steps.join('\n')}\n## Outstanding Questions\n\nNone at this time.\n`,
  );
}

/** A repository with one roadmap of `n` children in Order 1..n and a ledger. */
function roadmapRepo(root, n) {
  baseFiles(root);
  const slug = (i) => `child-${String(i).padStart(5, '0')}`;
  const rows = [];
  const items = [];
  for (let i = 1; i <= n; i++) {
    rows.push(`| ${i} | [${slug(i)}](${slug(i)}/) | draft | — | — |`);
    write(
      root,
      `spec/plans/big-roadmap/${slug(i)}/README.md`,
      `${head(`Child ${i}`, '../../../')}## Steps\n\n### 1. Do it\n\n**Depends on:** (none)\n\n**Acceptance criteria:**\n- done\n\n### 2. Check it\n\n**Depends on:** Step 1\n\n**Acceptance criteria:**\n- checked\n\n## Outstanding Questions\n\nNone at this time.\n`,
    );
    const plan = `big-roadmap/${slug(i)}`;
    if (i % 3 === 1) for (const step of ['1', '2']) items.push(`  - { id: W-${i}-${step}, plan: ${plan}, step: "${step}", status: done, updated: 2026-03-10 }`);
    else if (i % 7 === 0) items.push(`  - { id: W-${i}, plan: ${plan}, step: "1", status: in_progress, updated: 2026-03-11 }`);
  }
  write(
    root,
    'spec/plans/big-roadmap/README.md',
    `${head('Big roadmap', '../../')}## Child Plans\n\n| Order | Plan | Status | Effort | Impact |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n## Outstanding Questions\n\nNone at this time.\n`,
  );
  write(root, '.specscore/work-items.yaml', `items:\n${items.join('\n')}\n`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time of `runs` fresh processes; `ok` lists the exit codes that count as success. */
function time(script, args, runs, ok = [0]) {
  const walls = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, SPECPLAN_TODAY: '2026-03-20' } });
    walls.push(performance.now() - t);
    if (!ok.includes(res.status)) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${res.status}: ${res.stderr.slice(0, 500)}`);
  }
  return median(walls);
}

function row(label, ms, ref) {
  return `${label.padEnd(44)} ${String(Math.round(ms)).padStart(7)} ms   ${(ms / ref).toFixed(2).padStart(6)} × lint`;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specplan-rollup-bench-'));
  const chain = path.join(dir, 'chain');
  const roadmap = path.join(dir, 'roadmap');
  try {
    chainRepo(chain, args.steps);
    roadmapRepo(roadmap, args.children);
    const lines = [];
    // lint exits 1 on the roadmap (no plans index yet): it still reads and checks everything.
    const lintChain = time(specplan, ['lint', '--root', chain, '--format', 'json'], args.runs, [0, 1]);
    const suggest = time(specplan, ['suggest', 'long-chain', '--root', chain, '--provider', 'none'], args.runs);
    lines.push(`${args.steps}-step chain (one plan)`);
    lines.push(row('  specplan lint (reference)', lintChain, lintChain));
    lines.push(row('  specplan suggest (effort/impact inference)', suggest, lintChain));
    const lintRoadmap = time(specplan, ['lint', '--root', roadmap, '--format', 'json'], args.runs, [0, 1]);
    const status = time(specplan, ['status', '--root', roadmap], args.runs);
    const report = time(whatsNext, ['--root', roadmap, '--full', '--dry-run', '--provider', 'none'], args.runs);
    lines.push(`roadmap with ${args.children} child plans`);
    lines.push(row('  specplan lint (reference)', lintRoadmap, lintRoadmap));
    lines.push(row('  specplan status (roll-up)', status, lintRoadmap));
    lines.push(row('  whats-next --full --dry-run (facts, rank)', report, lintRoadmap));
    process.stdout.write(
      `${lines.join('\n')}\n(median of ${args.runs} fresh processes each; ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)})\n`,
    );
  } finally {
    if (args.keep) process.stdout.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main();
