import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time (each its own demo and browsers): a browser test waits more than it
    // computes, and the BFF's suite is done in half the demo's time.
    maxWorkers: 2,
    globalSetup: ['../../scripts/test-processes/global-setup.ts'],
  },
});
