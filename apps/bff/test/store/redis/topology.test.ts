import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@cardbind/sandbox/node';
import { afterAll, describe, expect, it } from 'vitest';
import { afterThis, record } from '../../../../../scripts/test-processes/track.js';
import { connectRedisStore, parseRedisUrl, RedisUrlError } from '../../../src/store/redis/connect.js';
import { withoutPassword } from '../../../src/store/redis/topology.js';
import { startRedis } from '../../support/redis-server.js';

describe('CARDBIND_REDIS_URL', () => {
  it('names one server, a cluster (several nodes) or the master a Sentinel names', () => {
    expect(parseRedisUrl('redis://:pw@10.0.0.1:6379/2')).toEqual({
      kind: 'server',
      url: 'redis://:pw@10.0.0.1:6379/2',
    });
    expect(parseRedisUrl('redis+cluster://app:s%3Acret@10.0.0.1:7000,10.0.0.2:7000,[::1]:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      auth: { username: 'app', password: 's:cret' },
      tls: false,
    });
    expect(parseRedisUrl('rediss+sentinel://:pw@s1:26379,s2:26379/mymaster')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      master: 'mymaster',
      auth: { password: 'pw' },
      tls: true,
    });
  });

  it('refuses what it cannot connect to, saying what would do', () => {
    for (const bad of [
      'http://x:1',
      'redis+cluster://',
      'redis+cluster://host',
      'redis+sentinel://s1:26379',
      'redis+cluster://h:99999',
    ]) {
      expect(() => parseRedisUrl(bad), bad).toThrow(RedisUrlError);
    }
  });

  it('a log line shows no password', () => {
    expect(withoutPassword('redis+cluster://app:secret@h1:7000,h2:7000')).toBe(
      'redis+cluster://app:***@h1:7000,h2:7000',
    );
    expect(withoutPassword('redis://:secret@h:6379')).toBe('redis://:***@h:6379');
    expect(withoutPassword('redis://h:6379')).toBe('redis://h:6379');
  });
});

const opened: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close().catch(() => undefined))));

it('redis+sentinel://: the store finds the master through a real Sentinel, one connection (ordered)', async () => {
  const redis = await startRedis();
  const masterPort = Number(new URL(redis.url).port);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-sentinel-'));
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(conf, `port ${port}\nbind 127.0.0.1\nsentinel monitor cardbind 127.0.0.1 ${masterPort} 1\n`);
  const sentinel = spawn(process.env.REDIS_SERVER ?? 'redis-server', [conf, '--sentinel'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  record(sentinel);
  afterThis(() => {
    sentinel.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: sentinel.stdout }).on('line', (line) => {
      if (line.includes('+monitor master')) resolve();
    });
    sentinel.once('exit', (code) => reject(new Error(`sentinel exited ${code}`)));
  });
  const store = await connectRedisStore(`redis+sentinel://127.0.0.1:${port}/cardbind`, { prefix: 's:' });
  opened.push(store);
  expect(store.ordered).toBe(true);
  await store.set('k', 'through the sentinel', 10_000);
  expect(await store.get('k')).toBe('through the sentinel');
  expect(await store.increment('n', 10_000)).toBe(1);
});
