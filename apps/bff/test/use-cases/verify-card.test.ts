import { CARDHOLDERS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { verificationAnswer } from '../../src/schemas.js';
import { keys } from '../../src/store/keys.js';
import { Client, parse, startBff } from '../support/bff.js';
import { baseConfig } from '../support/sandbox.js';
import { LEASE_MS, stoppedServer } from './stopped-server.js';

const { api, client, clock, faceidCalls, sandbox, stopAt, verification } = await stoppedServer();
// The result cache, on here (it is off by default).
const cached = await startBff(async (url) => ({ ...(await baseConfig(sandbox, url)), resultCacheSeconds: 300 }));
const cachedClient = new Client(cached.url);
const holder = CARDHOLDERS[1] ?? { name: '', idNumber: '', phone: '', cards: [''] };
const body = { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0], consent: true };
const verify = (token: string, request: Record<string, unknown>) => cachedClient.verify(token, request);

// A request whose server could not finish it (the store refuses one write, as a server killed at
// that moment would never make it): see stopped-server.ts.
describe('a verification whose server stopped after calling the provider', () => {
  it('after its answer was recorded: the retry waits for the lease, then gets that answer; one provider call', async () => {
    const send = await verification();
    const calls = faceidCalls();
    await stopAt((key, value) => key.startsWith(keys.idempotency('shop', '')) && value.includes('"answer"'), send);
    const waiting = await send();
    expect(waiting.res.status).toBe(409);
    expect(waiting.json.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(Number(waiting.res.headers.get('retry-after'))).toBeGreaterThan(1);
    clock.now += LEASE_MS;
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
    await stopAt((key) => key.startsWith(keys.verification('')), send);
    clock.now += LEASE_MS;
    const retry = await send();
    expect(retry.json.outcome).toMatchObject({ status: 'verified', charged: true });
    const record = await (await client.get(`/v1/verifications/${retry.json.id}`, api)).json();
    expect(record.outcome).toEqual(retry.json.outcome);
  });

  it('before anything of it was recorded: OUTCOME_UNKNOWN (charged unknown), and the read-back and the webhook say so too', async () => {
    const send = await verification();
    const calls = faceidCalls();
    await stopAt((key) => key.startsWith(keys.verification('')) || key.startsWith(keys.event('')), send);
    clock.now += LEASE_MS;
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
    await stopAt((key) => key.startsWith('limit:card:'), send);
    const retry = await send();
    expect(retry.res.status).toBe(200);
    expect(retry.json.outcome.status).toBe('verified');
    expect(faceidCalls()).toBe(calls + 1);
  });
});

describe('the result cache (off by default)', () => {
  it('an identical verified request within the TTL is answered from the cache without a provider call', async () => {
    const token = await cachedClient.session();
    const calls = () => sandbox.faceid.stats.count('BankCardVerification') + sandbox.csec.stats.count('total');
    const first = parse(verificationAnswer, await (await verify(token, body)).json());
    expect(first.outcome.status).toBe('verified');
    const before = calls();
    const second = parse(verificationAnswer, await (await verify(token, body)).json());
    expect(second).toMatchObject({ id: first.id, cached: true, outcome: { status: 'verified' } });
    expect(calls()).toBe(before);
    // Another name is another request: not from the cache.
    const other = await verify(token, { ...body, name: '赵六一' });
    expect(((await other.json()) as { cached?: boolean }).cached).toBeUndefined();
    expect(calls()).toBe(before + 1);
  });
});
