import { defineConfig } from 'vitest/config';
import { onTheCriticalPath } from '../../scripts/test-processes/priority.js';

// The test command's longest chain: its files one after another, each driving browsers.
onTheCriticalPath();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The files share the worker's modules (Playwright, the BFF, the simulators): importing them
    // again for each file cost more than ten seconds. Each file starts its own demo and browser.
    isolate: false,
    globalSetup: ['../../scripts/test-processes/global-setup.ts'],
  },
});
