import { describe, expect, it } from 'vitest';
import { ConfigError, createApp } from '../../src/app.js';
import { baseConfig, startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('configuration', () => {
  it('a missing or malformed secret stops start-up naming the path, never the value', async () => {
    const config = await baseConfig(sandbox, 'http://127.0.0.1:1');
    const bad = { ...config, fingerprintSecret: 'short-secret-value' };
    expect(() => createApp(bad)).toThrow(ConfigError);
    try {
      createApp(bad);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['fingerprintSecret: must be at least 32 characters']);
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });
});
