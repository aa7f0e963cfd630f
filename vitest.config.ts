import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { PURE_LAYERS } from './test/support/layers.js';

const UNIT = PURE_LAYERS.map((layer) => `test/${layer}/**/*.test.ts`);

export default defineConfig({
  test: {
    // Hermetic git for every test and every process it starts: neither the user's nor the
    // system's git configuration (hooks paths, commit signing, identity) reaches the tests. No
    // test writes a document cache (into a corpus or a committed fixture) unless it asks to.
    env: { GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', SPECPLAN_CACHE: '0' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, pool: 'threads' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          pool: 'forks',
          // Builds dist/ once for the tests that spawn the built CLI (test/mcp, test/e2e); skips
          // when the run is filtered to other folders.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
