import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds dist/ once for the tests that spawn the built CLI (test/mcp); skips when the run
    // is filtered to other folders.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
