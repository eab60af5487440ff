import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 20_000,
    // The files of a worker share its modules (each file serves its own simulators): importing
    // core, the simulators and zod again for each file was most of the suite's CPU time.
    isolate: false,
    globalSetup: ['../../scripts/test-processes/global-setup.ts'],
  },
});
