import { expect } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { StoreUnavailableError } from '../../src/store/types.js';
import { Client, startBff } from '../support/bff.js';
import { startWebhookReceiver } from '../support/browser.js';
import { API_KEY, baseConfig, sendingWebhooksTo, startSandbox, VERIFY3 } from '../support/sandbox.js';

// A request whose server could not finish it after its provider was called (here: the store
// refuses one write, as a server killed at that moment would never make it). The retry waits
// while the claim's lease runs, then answers with what was recorded, or that the outcome is
// unknown; the provider is never called a second time.

export const PROVIDER_TIMEOUT_MS = 1_000;
/** A claim's lease here: one provider's deadline and pacing, and the 5 s margin. */
export const LEASE_MS = PROVIDER_TIMEOUT_MS + 200 + 5_000;

/** What these tests read of an answer (each reads the fields its route gives). */
export interface Answer {
  id: string;
  orderNo: string;
  redirectUrl: string;
  outcome: { status: string; reason: string; message: { en: string } };
  error: { code: string; details: { order: { orderNo: string } } };
}

/**
 * Starts the sandbox, a webhook receiver and a BFF whose store refuses the writes a test picks.
 * One per test file (the files share a worker, so nothing here may outlive the file's own call).
 */
export async function stoppedServer() {
  const sandbox = await startSandbox();
  const receiver = await startWebhookReceiver();
  /** The BFF's clock: a test moves it past a lease. */
  const clock = { now: Date.now() };
  // Shared, as Redis is: each write is its own, and what one refuses leaves the others written.
  const store = new MemoryStore(() => clock.now);
  Object.defineProperty(store, 'shared', { value: true });
  /** The writes the store refuses (by the key and value sent), until the test says otherwise. */
  const faults: { refuse: ((key: string, value: string) => boolean) | undefined } = { refuse: undefined };
  const refusing =
    <A extends unknown[], R>(write: (key: string, ...rest: A) => Promise<R>, value: (...rest: A) => string) =>
    (key: string, ...rest: A): Promise<R> => {
      if (faults.refuse?.(key, value(...rest))) return Promise.reject(new StoreUnavailableError('refused'));
      return write(key, ...rest);
    };
  const store_increment = store.increment.bind(store);
  store.set = refusing(store.set.bind(store), (value) => value);
  store.setIfAbsent = refusing(store.setIfAbsent.bind(store), (value) => value);
  store.compareAndSet = refusing(store.compareAndSet.bind(store), (_expected, next) => next);
  store.increment = refusing(
    (key: string, ttlMs: number) => store_increment(key, ttlMs),
    () => '',
  );

  const bff = await startBff(
    async (url) => {
      const config = sendingWebhooksTo(await baseConfig(sandbox, url), receiver.url);
      return {
        ...config,
        routing: { ...config.routing, verify3: ['tencent-faceid'] },
        providerTimeoutMs: PROVIDER_TIMEOUT_MS,
        reconcileAfterSeconds: 1,
        limits: { cardPerDay: 100, idPerDay: 100, sessionAttempts: 100 },
      };
    },
    { store, now: () => clock.now },
  );
  const client = new Client(bff.url);
  const api = { authorization: `Bearer ${API_KEY}` };
  const faceidCalls = () => sandbox.faceid.stats.count('BankCardVerification');

  let n = 0;
  /** A verification to send (and send again) under one token and Idempotency-Key. */
  async function verification() {
    const token = await client.session();
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': `in-doubt-${n++}` };
    return async () => {
      const res = await client.post('/v1/verifications', VERIFY3, headers);
      return { res, json: (await res.json()) as Answer };
    };
  }

  /**
   * Sends once while the store refuses the writes `refused` picks, as a server killed at that moment
   * would never make them: that request fails (503). The store takes writes again afterwards.
   */
  async function stopAt(
    refused: (key: string, value: string) => boolean,
    send: () => Promise<{ res: Response }>,
  ): Promise<void> {
    faults.refuse = refused;
    try {
      expect((await send()).res.status).toBe(503);
    } finally {
      faults.refuse = undefined;
    }
  }
  return { sandbox, clock, faults, client, api, faceidCalls, verification, stopAt };
}
