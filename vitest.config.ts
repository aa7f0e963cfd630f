import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { testTempRoot } from './test/support/temp-root.js';
import { LongestFirst } from './test/support/sequencer.js';

const TMPDIR = testTempRoot();

/**
 * The whole suite (`npm test`): every test file in one pool of worker processes.
 * `npm run test:unit` runs only the pure layers, with vitest.unit.config.ts.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hermetic git for every test and every process it starts: neither the user's nor the
    // system's git configuration (hooks paths, commit signing, identity) reaches the tests. No
    // test writes a document cache (into a corpus or a committed fixture) unless it asks to.
    // Temp folders go to a folder of this run on the memory file system where there is one
    // (test/support/temp-root.ts), removed with everything in it when the run ends.
    env: { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', SPECPLAN_CACHE: '0', ...(TMPDIR ? { TMPDIR } : {}) },
    // Temp folders, then dist/ built once for the tests that spawn the built CLI (test/mcp,
    // test/e2e); the build is skipped when the run is filtered to other folders or dist/ is fresh.
    globalSetup: ['test/support/temp-root.ts', 'test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One test file per core. vitest's default (cores - 1) leaves one worker on a 2-core machine,
    // while most integration files spend their time waiting for the processes they start (the
    // CLI, git, the MCP server): a second file runs in that time. `--maxWorkers N` overrides it.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Longest files first, also in a fresh clone without vitest's timings (test/support/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    pool: 'forks',
    // Each test file builds its own temp repositories and puts back what it changes in the
    // process (environment, working directory, stdout, exit code: test/support/cli.ts), and the
    // pure layers keep no state at all, so a worker process serves file after file and loads the
    // code once, instead of a new process importing everything again for each of 180 files. The
    // pure layers' files run in the same workers: a second pool of its own would load the code
    // again, after the rest.
    isolate: false,
  },
});
