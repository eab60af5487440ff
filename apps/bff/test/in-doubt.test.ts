import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory.js';
import { StoreUnavailableError } from '../src/store/types.js';
import {
  API_KEY,
  BIND_BODY,
  baseConfig,
  Client,
  startBff,
  startSandbox,
  startWebhookReceiver,
  throughBank,
  VERIFY3,
} from './harness.js';

// A request whose server could not finish it after its provider was called (here: the store
// refuses one write, as a server killed at that moment would never make it). The retry waits
// while the claim's lease runs, then answers with what was recorded, or that the outcome is
// unknown; the provider is never called a second time.

const PROVIDER_TIMEOUT_MS = 1_000;
/** A claim's lease here: one provider's deadline and pacing, and the 5 s margin. */
const LEASE_MS = PROVIDER_TIMEOUT_MS + 200 + 5_000;

const sandbox = await startSandbox();
const receiver = await startWebhookReceiver();
let now = Date.now();
// Shared, as Redis is: each write is its own, and what one refuses leaves the others written.
const store = new MemoryStore(() => now);
Object.defineProperty(store, 'shared', { value: true });
/** The writes the store refuses (by the key and value sent), until the test says otherwise. */
let refuse: ((key: string, value: string) => boolean) | undefined;
const refusing =
  <A extends unknown[], R>(write: (key: string, ...rest: A) => Promise<R>, value: (...rest: A) => string) =>
  (key: string, ...rest: A): Promise<R> => {
    if (refuse?.(key, value(...rest))) return Promise.reject(new StoreUnavailableError('refused'));
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
    const config = await baseConfig(sandbox, url);
    const [merchant] = config.merchants;
    return {
      ...config,
      merchants: [
        { ...(merchant as (typeof config.merchants)[0]), webhook: { url: receiver.url, verificationResults: true } },
      ],
      routing: { ...config.routing, verify3: ['tencent-faceid'] },
      providerTimeoutMs: PROVIDER_TIMEOUT_MS,
      reconcileAfterSeconds: 1,
      limits: { cardPerDay: 100, idPerDay: 100, sessionAttempts: 100 },
    };
  },
  { store, now: () => now },
);
const client = new Client(bff.url);
const api = { authorization: `Bearer ${API_KEY}` };
const faceidCalls = () => sandbox.faceid.stats.count('BankCardVerification');

/** What these tests read of an answer (each reads the fields its route gives). */
interface Answer {
  id: string;
  orderNo: string;
  redirectUrl: string;
  outcome: { status: string; reason: string; message: { en: string } };
  error: { code: string; details: { order: { orderNo: string } } };
}

let n = 0;
async function verification() {
  const token = await client.session();
  const headers = { authorization: `Bearer ${token}`, 'idempotency-key': `in-doubt-${n++}` };
  return async () => {
    const res = await client.post('/v1/verifications', VERIFY3, headers);
    return { res, json: (await res.json()) as Answer };
  };
}

describe('a verification whose server stopped after calling the provider', () => {
  it('after its answer was recorded: the retry waits for the lease, then gets that answer; one provider call', async () => {
    const send = await verification();
    const calls = faceidCalls();
    refuse = (key, value) => key.startsWith('idem:') && value.includes('"answer"');
    expect((await send()).res.status).toBe(503);
    refuse = undefined;
    const waiting = await send();
    expect(waiting.res.status).toBe(409);
    expect(waiting.json.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(Number(waiting.res.headers.get('retry-after'))).toBeGreaterThan(1);
    now += LEASE_MS;
    const retry = await send();
    expect(retry.res.status).toBe(200);
    expect(retry.json.outcome).toMatchObject({ status: 'verified', charged: true });
    const record = await (await client.get(`/v1/verifications/${retry.json.id}`, api)).json();
    expect(record.outcome).toEqual(retry.json.outcome);
    expect((await send()).json).toEqual(retry.json);
    expect(faceidCalls()).toBe(calls + 1);
  });

  it('with its event written but not its record: the retry gets the outcome the event holds', async () => {
    const send = await verification();
    refuse = (key) => key.startsWith('verification:');
    expect((await send()).res.status).toBe(503);
    refuse = undefined;
    now += LEASE_MS;
    const retry = await send();
    expect(retry.json.outcome).toMatchObject({ status: 'verified', charged: true });
    const record = await (await client.get(`/v1/verifications/${retry.json.id}`, api)).json();
    expect(record.outcome).toEqual(retry.json.outcome);
  });

  it('before anything of it was recorded: OUTCOME_UNKNOWN (charged unknown), and the read-back and the webhook say so too', async () => {
    const send = await verification();
    const calls = faceidCalls();
    refuse = (key) => key.startsWith('verification:') || key.startsWith('event:');
    expect((await send()).res.status).toBe(503);
    refuse = undefined;
    now += LEASE_MS;
    const retry = await send();
    expect(retry.res.status).toBe(200);
    expect(retry.json.outcome).toMatchObject({
      status: 'unavailable',
      reason: 'OUTCOME_UNKNOWN',
      charged: 'unknown',
      retryable: true,
    });
    expect(retry.json.outcome.message.en).toMatch(/interrupted/);
    const replay = await send();
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(retry.json);
    const record = await (await client.get(`/v1/verifications/${retry.json.id}`, api)).json();
    expect(record.outcome.reason).toBe('OUTCOME_UNKNOWN');
    const event = await (await client.get(`/v1/webhook-events/evt_${retry.json.id}`, api)).json();
    expect(event.data.outcome).toMatchObject({ reason: 'OUTCOME_UNKNOWN', charged: 'unknown' });
    expect(faceidCalls()).toBe(calls + 1);
  });

  it('before its provider was called: nothing abroad changed, so the retry runs at once', async () => {
    const send = await verification();
    const calls = faceidCalls();
    refuse = (key) => key.startsWith('limit:card:');
    expect((await send()).res.status).toBe(503);
    refuse = undefined;
    const retry = await send();
    expect(retry.res.status).toBe(200);
    expect(retry.json.outcome.status).toBe('verified');
    expect(faceidCalls()).toBe(calls + 1);
  });
});

describe('a bind create whose server stopped after the provider answered', () => {
  const bind = async () => {
    const token = await client.session();
    return async (body: object = BIND_BODY) => {
      const res = await client.post('/v1/bind-cards', body, { authorization: `Bearer ${token}` });
      return { res, json: (await res.json()) as Answer };
    };
  };

  it('with its bank form kept: the retry (once the lease is over) gets the way to the bank', async () => {
    const send = await bind();
    refuse = (key, value) => key.startsWith('token-used:bind:') && value.includes('"answer"');
    expect((await send()).res.status).toBe(503);
    refuse = undefined;
    const waiting = await send();
    expect(waiting.res.status).toBe(409);
    expect(waiting.json.error.code).toBe('BIND_IN_PROGRESS');
    expect((await send({ ...BIND_BODY, bankCode: 'CCB' })).json.error.code).toBe('TOKEN_USED');
    now += LEASE_MS;
    const retry = await send();
    expect(retry.res.status).toBe(201);
    await throughBank(retry.json.redirectUrl, 'approve');
    await sandbox.aggregate.notifier.idle();
    const order = await (await client.get(`/v1/bind-cards/${retry.json.orderNo}`, api)).json();
    expect(order.status).toBe('SUCCESS');
  });

  it('with its bank form lost: the order is reconciled, and the retry is told to start a new bind', async () => {
    const send = await bind();
    const creates = sandbox.aggregate.stats.count('create');
    refuse = (key) => key.startsWith('ticket:');
    expect((await send()).res.status).toBe(503);
    refuse = undefined;
    now += LEASE_MS;
    const retry = await send();
    expect(retry.res.status).toBe(409);
    expect(retry.json.error).toMatchObject({
      code: 'BIND_PAGE_LOST',
      details: { order: { status: 'PENDING', orderNo: expect.stringMatching(/^BC/) } },
    });
    expect((await send()).json).toEqual(retry.json);
    expect(sandbox.aggregate.stats.count('create')).toBe(creates + 1);
    const order = await (await client.get(`/v1/bind-cards/${retry.json.error.details.order.orderNo}`, api)).json();
    expect(order.status).toBe('PENDING');
  });
});
