import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The providers' tests (test/providers/) use the sandbox's simulators as fixtures. The sandbox
// depends on core, so they are taken from its source, and core is taken from its own source for
// everything in the run (the simulators' imports included): one copy of core, no build needed.
const coreExports = JSON.parse(readFileSync(here('package.json'), 'utf8')).exports as Record<string, unknown>;
const coreFromSource = Object.entries(coreExports).flatMap(([subpath, target]) => {
  const built = (target as { default?: string }).default;
  if (!built?.startsWith('./dist/')) return [];
  const name = `@cardbind/core${subpath.slice(1)}`;
  const source = built.replace('./dist/', './src/').replace(/\.js$/, '.ts');
  return [{ find: new RegExp(`^${name}$`), replacement: here(source) }];
});

export default defineConfig({
  resolve: {
    alias: [
      ...coreFromSource,
      { find: /^@cardbind\/sandbox$/, replacement: here('../sandbox/src/index.ts') },
      { find: /^@cardbind\/sandbox\/node$/, replacement: here('../sandbox/src/node.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 20_000,
    // The files of a worker share its modules (each file serves its own simulators): importing
    // core, the simulators and zod again for each file was most of the suite's CPU time.
    isolate: false,
    globalSetup: ['../../scripts/test-processes/global-setup.ts'],
  },
});
