import { defineConfig } from 'vitest/config';
import { onTheCriticalPath } from '../../scripts/test-processes/priority.js';
import { LongFilesFirst } from './test/support/sequencer.js';

// The three-instance QPS run (`test:alone`) is paced by the wall clock, beside the other suites.
if (process.env.npm_lifecycle_event === 'test:alone') onTheCriticalPath();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A guard against a hung test, not a budget: the CLI and crash tests start many processes,
    // and beside the other packages' suites on two cores one takes a minute.
    testTimeout: 120_000,
    // The files of a worker share its module graph: each file starts its own servers, and the
    // setup file empties what the previous one wrote. Re-importing the BFF, the sandbox and zod for
    // each of ~90 files cost more than a minute of CPU.
    isolate: false,
    // Three files at a time on two cores: many of these files wait (for processes they start,
    // leases, deadlines) more than they compute.
    maxWorkers: 3,
    sequence: { sequencer: LongFilesFirst },
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['../../scripts/test-processes/global-setup.ts', 'test/support/answers/global-setup.ts'],
  },
});
