import { expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/store/types.js';
import { Client, newKey, startBff } from '../../support/bff.js';
import { startRedisCluster } from '../../support/redis-cluster.js';
import { redisStores } from '../../support/redis-server.js';
import { baseConfig, startSandbox, VERIFY3 } from '../../support/sandbox.js';
import { storeContract } from '../contract.js';

const cluster = await startRedisCluster();
const { open, patient, lastPrefix } = redisStores(cluster.url, 'c');

// The same contract as one server's, each key on whichever master its slot is on.
storeContract('redis cluster', patient, true);

it('redis cluster: a store on it is not ordered (its keys are on several servers)', async () => {
  const store = await open();
  expect(store.shared).toBe(true);
  expect(store.ordered).toBe(false);
});

it('redis cluster: a master killed mid-run → its keys 503 until its replica is promoted, never a wrong answer; then all is served', async () => {
  const store = await open();
  const keys = Array.from({ length: 60 }, (_, i) => `failover:${i}`);
  await Promise.all(keys.map((key) => store.set(key, `value-${key}`, 600_000)));
  await cluster.waitReplicated();
  const victim = cluster.masterOf(`${lastPrefix()}failover:0`);
  const lost = keys.filter((key) => cluster.masterOf(`${lastPrefix()}${key}`) === victim);
  const onVictim = (key: string) => lost.includes(key);
  expect(lost.length).toBeGreaterThan(0);
  expect(lost.length).toBeLessThan(keys.length);
  // A BFF on the cluster, verifying one request after another throughout.
  const bff = await bffOnCluster();
  const answers = new Map<string, string>();
  let verifying = true;
  const verifications = (async () => {
    while (verifying) {
      const key = newKey();
      const res = await bff.client.verify(bff.token, VERIFY3, key);
      const body = (await res.json()) as { outcome?: { status: string }; error?: { code: string } };
      answers.set(key, `${res.status} ${body.outcome?.status ?? body.error?.code}`);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await cluster.killMaster(victim);
  // Read every key until the replica is promoted: each read is the value written or unavailable.
  const seen = { right: 0, unavailable: 0, unavailableElsewhere: 0 };
  const until = Date.now() + 30_000;
  let promoted = false;
  while (!promoted && Date.now() < until) {
    const reads = await Promise.allSettled(keys.map((key) => store.get(key)));
    reads.forEach((read, i) => {
      const key = keys[i] ?? '';
      if (read.status === 'fulfilled') {
        expect(read.value, key).toBe(`value-${key}`);
        seen.right++;
      } else {
        expect(read.reason).toBeInstanceOf(StoreUnavailableError);
        seen.unavailable++;
        if (!onVictim(key)) seen.unavailableElsewhere++;
      }
    });
    promoted = reads.every((r) => r.status === 'fulfilled');
    if (!promoted) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(promoted).toBe(true);
  expect(seen.unavailable).toBeGreaterThan(0);
  // cluster-require-full-coverage no: the other masters' keys were served all along.
  expect(seen.unavailableElsewhere).toBe(0);
  // After the promotion: what was replicated is there, and the promoted master takes writes.
  for (const key of lost) expect(await store.get(key)).toBe(`value-${key}`);
  await store.set(lost[0] ?? '', 'after', 60_000);
  expect(await store.get(lost[0] ?? '')).toBe('after');
  await new Promise((resolve) => setTimeout(resolve, 300));
  verifying = false;
  await verifications;
  // Every answer meanwhile: verified, or 503 STORE_UNAVAILABLE (a retry decides); nothing else.
  const kinds = new Set(answers.values());
  expect([...kinds].filter((k) => k !== '200 verified' && k !== '503 STORE_UNAVAILABLE')).toEqual([]);
  expect(kinds.has('200 verified')).toBe(true);
  // Never a provider call more than the requests made: no key was sent to the provider twice.
  const unavailable = [...answers].filter(([, answer]) => answer.startsWith('503')).map(([key]) => key);
  // (Twenty of them, spread over the outage: each is a whole verification.)
  const step = Math.max(1, Math.floor(unavailable.length / 20));
  for (const key of unavailable.filter((_, i) => i % step === 0)) {
    const retry = await bff.client.verify(bff.token, VERIFY3, key);
    const body = (await retry.json()) as { outcome?: { status: string }; error?: { code: string } };
    // Verified (run now, or the answer kept), or its claim still leased (the provider may have been called).
    expect(['200 verified', '409 IDEMPOTENCY_IN_PROGRESS']).toContain(
      `${retry.status} ${body.outcome?.status ?? body.error?.code}`,
    );
  }
  expect(bff.providerCalls()).toBeLessThanOrEqual(answers.size);
  await cluster.waitHealthy();
}, 60_000);

/** A BFF on the cluster (its own key prefix), a widget token, and the FaceID calls it made. */
async function bffOnCluster() {
  let calls = 0;
  const sandbox = await startSandbox({
    tap: (provider) => {
      if (provider === 'tencent-faceid') calls++;
    },
  });
  const store = await open();
  const bff = await startBff(
    async (url) => ({
      ...(await baseConfig(sandbox, url)),
      limits: { sessionAttempts: 10_000, cardPerDay: 10_000, idPerDay: 10_000 },
    }),
    { store },
  );
  const client = new Client(bff.url);
  return { client, token: await client.session(), providerCalls: () => calls };
}
