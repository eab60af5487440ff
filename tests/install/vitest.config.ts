import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // npm installs from the registry (its cache when warm) and builds with Vite: minutes on a busy machine, not seconds.
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // The frameworks' file beside the quickstart's: both mostly wait on npm, Vite and browsers.
    maxWorkers: 2,
    globalSetup: ['../../scripts/test-processes/global-setup.ts'],
  },
});
