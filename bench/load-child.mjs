/**
 * Benchmark child: load and lint a repository with the BUILT code and report phase timings as
 * one JSON line. Runs in a fresh process so the figures are cold (no module or parse cache).
 *
 *   node bench/load-child.mjs ROOT
 */
import { performance } from 'node:perf_hooks';

const root = process.argv[2];
const t0 = performance.now();
const { loadRepo } = await import('../dist/src/repo/load.js');
const { lintRepo } = await import('../dist/src/lint/index.js');
const t1 = performance.now();
const repo = loadRepo(root);
const t2 = performance.now();
const result = lintRepo(repo);
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    importMs: Math.round(t1 - t0),
    loadMs: Math.round(t2 - t1),
    lintMs: Math.round(t3 - t2),
    plans: repo.plans.size,
    features: repo.features.size,
    proposals: repo.proposals.size,
    indexRows: repo.index?.parsed.rows.length ?? 0,
    errors: result.errorCount,
    warnings: result.warningCount,
  })}\n`,
);
