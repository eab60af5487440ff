import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@cardbind/sandbox/node';
import { build } from 'esbuild';
import { describe, it } from 'vitest';
import { workerdConfig } from '../../scripts/workerd-config.mjs';
import { STORE_OPS } from '../../src/store/durable-object.js';
import type { Store } from '../../src/store/types.js';
import { storeContract } from '../store/contract.js';
import { startWebhookReceiver } from '../support/browser.js';
import { written } from '../support/pii.js';
import { spawnServing } from '../support/processes.js';
import { startSandbox } from '../support/sandbox.js';
import { runtimeConfig, runtimeScenario } from './scenario.js';

/**
 * The Workers bundle in workerd (from npm), with its Durable Object store on
 * local disk, configured the way a deployment is: the config as an
 * environment secret, the Durable Object namespace as a binding.
 */
const WORKERD = createRequire(import.meta.url).resolve('workerd/bin/workerd');
const BUNDLE = new URL('../../dist/worker/worker.js', import.meta.url).pathname;
const ASSETS = new URL('../../dist/worker/assets', import.meta.url).pathname;

/** A workerd of its own for `bundle` on a free port: the URL first (configs name it), then start. */
async function workerd(bundle: string) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-workerd-'));
  mkdirSync(join(dir, 'store'));
  written.storeDirs.add(join(dir, 'store'));
  copyFileSync(bundle, join(dir, 'worker.js'));
  writeFileSync(join(dir, 'config.capnp'), workerdConfig({ port, storeDir: join(dir, 'store'), assetsDir: ASSETS }));
  const url = `http://127.0.0.1:${port}`;
  const start = (readyPath: string, env: Record<string, string> = {}) =>
    spawnServing(WORKERD, ['serve', join(dir, 'config.capnp')], url + readyPath, env);
  return { url, start };
}

describe('workerd (Cloudflare Workers)', () => {
  it('session → verification → bind → notification → webhook, with the Durable Object store', async () => {
    const sandbox = await startSandbox();
    const receiver = await startWebhookReceiver();
    const server = await workerd(BUNDLE);
    const config = await runtimeConfig(sandbox, server.url, receiver.url);
    await server.start('/readyz', { CARDBIND_CONFIG_JSON: JSON.stringify(config) });
    await runtimeScenario(server.url, sandbox, receiver);
  }, 60_000);
});

// The store contract against the real Durable Object, through a test Worker that exposes it.
const fixture = join(mkdtempSync(join(tmpdir(), 'cardbind-do-fixture-')), 'worker.js');
await build({
  entryPoints: [new URL('../support/fixtures/durable-store-worker.ts', import.meta.url).pathname],
  outfile: fixture,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['workerd', 'worker', 'browser'],
  external: ['cloudflare:*'],
  logLevel: 'warning',
});
const storeWorker = await workerd(fixture);
await storeWorker.start('/ready/get', { CARDBIND_CONFIG_JSON: '{}' });
let objects = 0;

/** A Store whose every call is an HTTP request to the object named `name`: racing calls really race. */
function remoteStore(name: string): Store {
  const call =
    (operation: string) =>
    async (...args: unknown[]) => {
      const res = await fetch(`${storeWorker.url}/${name}/${operation}`, {
        method: 'POST',
        body: JSON.stringify(args),
      });
      const { value } = (await res.json()) as { value: unknown };
      return value ?? undefined;
    };
  return { shared: true, ...Object.fromEntries(STORE_OPS.map((op) => [op, call(op)])) } as unknown as Store;
}

// The object keeps its own time: expiry is tested by waiting.
storeContract('durable object (workerd)', async () => remoteStore(`contract-${++objects}`), true);
