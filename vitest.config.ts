import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { PURE_LAYERS } from './test/support/layers.js';
import { testTempRoot } from './test/support/temp-root.js';
import { LongestFirst } from './test/support/sequencer.js';

const UNIT = PURE_LAYERS.map((layer) => `test/${layer}/**/*.test.ts`);
const TMPDIR = testTempRoot();

export default defineConfig({
  test: {
    // Hermetic git for every test and every process it starts: neither the user's nor the
    // system's git configuration (hooks paths, commit signing, identity) reaches the tests. No
    // test writes a document cache (into a corpus or a committed fixture) unless it asks to.
    // Temp folders go to a folder of this run on the memory file system where there is one
    // (test/support/temp-root.ts), removed with everything in it when the run ends.
    env: { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', SPECPLAN_CACHE: '0', ...(TMPDIR ? { TMPDIR } : {}) },
    globalSetup: ['test/support/temp-root.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One test file per core, shared by both projects. vitest's default (cores - 1) leaves one
    // worker on a 2-core machine, while most integration files spend their time waiting for the
    // processes they start (the CLI, git, the MCP server): a second file runs in that time.
    // `--maxWorkers N` on the command line overrides it.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Longest files first, also in a fresh clone without vitest's timings (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        // The pure layers keep no state between files (no temp folders, no environment, no
        // module-level caches a test changes), so one module graph serves every file of a worker.
        test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          pool: 'forks',
          // Each test file builds its own temp repositories and puts back what it changes in the
          // process (environment, working directory, stdout, exit code: test/support/cli.ts),
          // so a worker process serves file after file and loads the code once, instead of a
          // new process importing everything again for each of 140 files.
          isolate: false,
          // Builds dist/ once for the tests that spawn the built CLI (test/mcp, test/e2e); skips
          // when the run is filtered to other folders.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
