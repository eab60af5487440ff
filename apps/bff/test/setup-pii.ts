import { afterAll, expect } from 'vitest';
import { findPii, written } from './pii.js';

// After every test file: its logs and store files hold no raw personal data.
afterAll(() => {
  expect(findPii()).toEqual([]);
  // Some files run no BFF; those that do must have logged something, or the scan proves nothing.
  if (written.ranBff) expect(written.logs.length).toBeGreaterThan(0);
});
