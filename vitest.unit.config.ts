import { defineConfig } from 'vitest/config';
import { PURE_LAYERS } from './test/support/layers.js';
import config from './vitest.config.js';

/**
 * `npm run test:unit`: the pure layers alone (models from strings and committed files, no temp
 * folders, processes or git), in worker threads, which start faster than processes.
 */
export default defineConfig({
  test: {
    ...config.test,
    include: PURE_LAYERS.map((layer) => `test/${layer}/**/*.test.ts`),
    globalSetup: ['test/support/temp-root.ts'],
    pool: 'threads',
  },
});
