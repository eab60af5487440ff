import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../support/browser.js';
import { spawnListening } from '../support/processes.js';
import { startRedis } from '../support/redis-server.js';
import { startSandbox } from '../support/sandbox.js';
import { runtimeConfig, runtimeScenario } from './scenario.js';

/**
 * The Deno and Bun entries, each started for real (binaries from npm) on the
 * built code, sharing a real redis-server as a multi-instance deployment would.
 */
const require = createRequire(import.meta.url);
const ENTRIES = new URL('../../dist/entries/', import.meta.url).pathname;

/**
 * The native binary an npm package ships, put in place by its install script
 * (allowed in pnpm-workspace.yaml). Deno's launcher can also fetch it late.
 */
function binary(pkg: 'deno' | 'bun'): string {
  const root = dirname(require.resolve(`${pkg}/package.json`));
  if (pkg === 'bun') return join(root, 'bin', 'bun.exe');
  const path = join(root, 'deno');
  if (!existsSync(path)) execFileSync(process.execPath, [join(root, 'bin.cjs'), '--version']);
  return path;
}

type Command = (entry: string) => [string, string[]];
const RUNTIMES: Record<'deno' | 'bun', Command> = {
  deno: (entry) => [binary('deno'), ['run', '--allow-net', '--allow-env', '--allow-read', '--allow-sys', entry]],
  bun: (entry) => [binary('bun'), [entry]],
};

const redis = await startRedis();

for (const [name, command] of Object.entries(RUNTIMES) as [string, Command][]) {
  describe(name, () => {
    it('session → verification → bind → notification → webhook, on the Redis store', async () => {
      const sandbox = await startSandbox();
      const receiver = await startWebhookReceiver();
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const config = await runtimeConfig(sandbox, url, receiver.url);
      const [bin, args] = command(join(ENTRIES, `${name}.js`));
      const child = await spawnListening(bin, args, {
        PORT: String(port),
        CARDBIND_REDIS_URL: redis.url,
        CARDBIND_CONFIG_JSON: JSON.stringify(config),
      });
      expect(child.url).toBe(url);
      await runtimeScenario(url, sandbox, receiver);
      expect(await child.kill('SIGTERM')).toBe('0');
    }, 60_000);

    it('a bad configuration stops it with exit code 78, naming paths and no values', async () => {
      const [bin, args] = command(join(ENTRIES, `${name}.js`));
      const run = spawnSync(bin, args, {
        env: {
          ...process.env,
          CARDBIND_CONFIG_JSON: JSON.stringify({ publicUrl: 'not a url', fingerprintSecret: 'secret-value-123' }),
        },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(78);
      expect(run.stderr).toContain('publicUrl');
      expect(run.stderr).not.toContain('secret-value-123');
    }, 30_000);
  });
}
