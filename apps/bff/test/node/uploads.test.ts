import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { Client } from '../support/bff.js';
import { chunkedUpload } from '../support/browser.js';
import { written } from '../support/pii.js';
import { spawnNodeBff } from '../support/processes.js';
import { API_KEY, BIND_BODY, baseConfig, startSandbox } from '../support/sandbox.js';

const MiB = 1024 * 1024;

/** The process's resident set, from the kernel. */
const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;

describe('uploads nobody asked for (the Node entry as its own process)', () => {
  it('8 concurrent 50 MiB chunked uploads to each POST route: each 413, RSS up by less than one upload (50 MiB)', async () => {
    const sandbox = await startSandbox();
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'cardbind-memory-'));
    written.storeDirs.add(dataDir);
    const config = await baseConfig(sandbox, `http://127.0.0.1:${port}`);
    const bff = await spawnNodeBff({
      PORT: String(port),
      CARDBIND_DATA_DIR: dataDir,
      CARDBIND_CONFIG_JSON: JSON.stringify({ ...config, limits: { ipPerMinute: 100_000 } }),
    });
    const client = new Client(bff.url);
    const token = await client.session();
    const created = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    const { redirectUrl } = (await created.json()) as { redirectUrl: string };
    const routes: [string, Record<string, string>][] = [
      ['/v1/sessions', { authorization: `Bearer ${API_KEY}` }],
      ['/v1/verifications', { authorization: `Bearer ${token}`, 'idempotency-key': 'memory-0001' }],
      ['/v1/bind-cards', { authorization: `Bearer ${token}` }],
      ['/v1/notify/aggregate-pay', {}],
      [new URL(redirectUrl).pathname, {}],
    ];
    // Warm every route first, so the baseline includes what serving them costs anyway.
    for (const [path, headers] of routes) await chunkedUpload(bff.url, path, 64 * 1024, headers);

    const before = rss(bff.pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss(bff.pid));
    }, 5);
    const answers = await Promise.all(
      routes.flatMap(([path, headers]) =>
        Array.from({ length: 8 }, () => chunkedUpload(bff.url, path, 50 * MiB, headers).then((a) => [path, a.status])),
      ),
    );
    clearInterval(sampler);
    peak = Math.max(peak, rss(bff.pid));

    expect(answers).toEqual(routes.flatMap(([path]) => Array.from({ length: 8 }, () => [path, 413])));
    // Below the size of a single upload: no body is buffered (all 40 would be 2 GB). The margin under
    // that is the sockets' and the collector's: 20–45 MiB observed over repeated runs on two cores.
    expect((peak - before) / MiB).toBeLessThan(50);
    // And it still serves.
    expect((await client.get('/.well-known/jwks.json')).status).toBe(200);
    await bff.kill();
  }, 120_000);
});
