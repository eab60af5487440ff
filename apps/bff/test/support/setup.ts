import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, expect } from 'vitest';
import { ANSWERS_DIR_ENV, answersIn } from './answers/count.js';
import { findPii, written } from './pii.js';

// The files of a worker share its modules (isolate: false), and this file runs before each: what
// the previous file wrote is not this one's. (Emptied in place: running BFFs hold the array.)
written.logs.length = 0;
written.storeDirs.clear();
written.telemetry.length = 0;
written.ranBff = false;

// After every test file: its logs and store files hold no raw personal data, and every answer its
// BFFs gave (in this process and in the processes it started) kept its route's declaration.
afterAll(() => {
  expect(findPii()).toEqual([]);
  // Some files run no BFF; those that do must have logged something, or the scan proves nothing.
  if (written.ranBff) expect(written.logs.length).toBeGreaterThan(0);
  const answers = answersIn(written.logs);
  const dir = process.env[ANSWERS_DIR_ENV];
  // The file's path under test/ (basenames repeat across the mirrored tree).
  const file = relative(new URL('..', import.meta.url).pathname, expect.getState().testPath ?? 'unknown');
  if (dir)
    writeFileSync(
      join(dir, `${file.replaceAll('/', '__')}.json`),
      JSON.stringify({ file, ranBff: written.ranBff, ...answers }),
    );
  expect(answers.undeclared).toEqual([]);
});
