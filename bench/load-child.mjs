/**
 * Benchmark child: load and lint a repository with the BUILT code and report phase timings as
 * one JSON line. Runs in a fresh process so the figures are cold (no module or parse cache).
 * With `--load-only` it loads the repository and runs no rule (the floor of a cold lint).
 *
 *   node bench/load-child.mjs ROOT [--load-only]
 */
import { performance } from 'node:perf_hooks';

const root = process.argv[2];
const loadOnly = process.argv[3] === '--load-only';
const t0 = performance.now();
const { loadRepoLazily } = await import('../dist/src/repo/load.js');
const { lintRepo } = loadOnly ? { lintRepo: null } : await import('../dist/src/lint/index.js');
const t1 = performance.now();
const repo = await loadRepoLazily(root);
const t2 = performance.now();
const result = lintRepo ? lintRepo(repo) : null;
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    importMs: Math.round(t1 - t0),
    loadMs: Math.round(t2 - t1),
    lintMs: result ? Math.round(t3 - t2) : null,
    plans: repo.plans.size,
    features: repo.features.size,
    proposals: repo.proposals.size,
    indexRows: repo.index?.parsed.rows.length ?? 0,
    errors: result?.errorCount ?? null,
    warnings: result?.warningCount ?? null,
  })}\n`,
);
