import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['../../scripts/test-processes/global-setup.ts', 'test/support/answers/global-setup.ts'],
  },
});
