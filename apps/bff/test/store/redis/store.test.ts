import { createClient } from '@redis/client';
import { expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/store/types.js';
import { redisStores, startRedis } from '../../support/redis-server.js';
import { storeContract } from '../contract.js';

const redis = await startRedis();
const { open, patient } = redisStores(redis.url, 't');

// Redis keeps its own time: expiry is tested by waiting.
storeContract('redis', patient, true);

it('redis: a script Redis has forgotten (SCRIPT FLUSH, a restart) is sent again', async () => {
  const store = await open();
  await store.set('c', 'v0', 10_000);
  expect(await store.compareAndSet('c', 'v0', 'v1', 10_000)).toBe(true);
  const raw = createClient({ url: redis.url });
  await raw.connect();
  await raw.sendCommand(['SCRIPT', 'FLUSH']);
  await raw.close();
  expect(await store.compareAndSet('c', 'v1', 'v2', 10_000)).toBe(true);
  expect(await store.increment('n', 10_000)).toBe(1);
});

it('redis: stopped → every call fails fast with StoreUnavailableError; back → acknowledged writes are there', async () => {
  const store = await open();
  await store.set('order', '{"status":"PENDING"}', 60_000);
  await store.schedule('webhooks', 'evt_1', 5);
  await redis.stop('SIGKILL');
  const started = Date.now();
  const results = await Promise.allSettled([
    store.get('order'),
    store.setIfAbsent('k', 'v', 1000),
    store.increment('n', 1000),
    store.due('webhooks', 10, 10),
  ]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
  for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
  // Failed fast (the 1 s command timeout at most), not hung: a bound no busy machine misses.
  expect(Date.now() - started).toBeLessThan(6_000);
  await redis.start();
  // The client reconnects on its own.
  const deadline = Date.now() + 10_000;
  let value: string | undefined;
  while (Date.now() < deadline) {
    value = await store.get('order').catch(() => undefined);
    if (value) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(value).toBe('{"status":"PENDING"}');
  expect(await store.due('webhooks', 10, 10)).toEqual(['evt_1']);
});
