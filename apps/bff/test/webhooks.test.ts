import { createOutcome } from '@cardbind/core/outcome';
import { compactVerify, createRemoteJWKSet, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory.js';
import {
  API_KEY,
  baseConfig,
  BIND_BODY as bindBody,
  Client,
  eventually,
  HOLDER as holder,
  inProcessBff,
  startBff,
  startSandbox,
  startWebhookReceiver,
  throughBank,
} from './harness.js';

/** Event payloads as the BFF makes them (their shape is the schemas'). */
const VERIFICATION_DATA = {
  id: `ver_${'0'.repeat(32)}`,
  card: '622202*********1008',
  outcome: createOutcome('VERIFIED', { charged: true }),
};
const ORDER_DATA = {
  orderNo: 'BC0000000000000000',
  status: 'SUCCESS' as const,
  bankCode: 'ICBC',
  bankCardType: 'DEBIT' as const,
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
};

const webhooks = { retryBaseMs: 40, retryMaxMs: 1_000, maxAttempts: 4, pollMs: 20 };

// Duplicate and out-of-order notifications for every order: still one event per result.
const sandbox = await startSandbox({ aggregate: { notifyChaos: true } });
const receiver = await startWebhookReceiver();
const bff = await startBff(async (url) => {
  const config = await baseConfig(sandbox, url);
  const [merchant] = config.merchants;
  return {
    ...config,
    webhooks,
    merchants: [{ ...merchant, webhook: { url: receiver.url, verificationResults: true } }],
  } as typeof config;
});
const client = new Client(bff.url);
const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', bff.url));

async function bind(decision: 'approve' | 'decline') {
  const token = await client.session();
  const res = await client.post('/v1/bind-cards', bindBody, { authorization: `Bearer ${token}` });
  const created = (await res.json()) as { orderNo: string; redirectUrl: string };
  await throughBank(created.redirectUrl, decision);
  await sandbox.aggregate.notifier.idle();
  return created.orderNo;
}

describe('signed webhooks', () => {
  it('a terminal bind result is delivered once as a JWS verifiable with the JWKS, despite duplicate notifications', async () => {
    const orderNo = await bind('approve');
    const eventId = `evt_${orderNo}_success`;
    const delivery = await eventually(() => receiver.received.find((r) => r.id === eventId));
    const { payload, protectedHeader } = await compactVerify(delivery.jws, jwks, { algorithms: ['ES256'] });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'k1', typ: 'cardbind-event+jws' });
    const event = JSON.parse(new TextDecoder().decode(payload));
    expect(event).toMatchObject({
      id: eventId,
      type: 'bind_card.succeeded',
      merchant: 'shop',
      data: { orderNo, status: 'SUCCESS', bindId: expect.stringMatching(/^BIND/) },
    });
    // The chaos notifier sent the result twice and a stale PROCESSING after it.
    expect(sandbox.aggregate.notifier.deliveries.filter((d) => d.orderNo === orderNo).length).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 150));
    expect(receiver.received.filter((r) => r.id.startsWith(`evt_${orderNo}`))).toHaveLength(1);
  });

  it('a declined bind is a bind_card.failed event', async () => {
    const orderNo = await bind('decline');
    const delivery = await eventually(() => receiver.received.find((r) => r.id === `evt_${orderNo}_fail`));
    expect(delivery.type).toBe('bind_card.failed');
  });

  it('a tampered event does not verify', async () => {
    const [first] = receiver.received;
    const [header, payload, signature] = (first?.jws ?? '').split('.');
    const forged = Buffer.from(JSON.stringify({ id: 'evt_forged', type: 'bind_card.succeeded' })).toString('base64url');
    expect(decodeProtectedHeader(`${header}.${payload}.${signature}`).kid).toBe('k1');
    await expect(compactVerify(`${header}.${forged}.${signature}`, jwks)).rejects.toThrow();
  });

  it('verification results are sent when the merchant asked for them', async () => {
    const token = await client.session();
    const res = await client.post(
      '/v1/verifications',
      { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0], consent: true },
      { authorization: `Bearer ${token}`, 'idempotency-key': `wh-${Date.now()}` },
    );
    const { id } = (await res.json()) as { id: string };
    const delivery = await eventually(() => receiver.received.find((r) => r.id === `evt_${id}`));
    const event = JSON.parse(new TextDecoder().decode((await compactVerify(delivery.jws, jwks)).payload));
    expect(event).toMatchObject({ type: 'verification.completed', data: { id, outcome: { status: 'verified' } } });
    expect(JSON.stringify(event)).not.toContain(holder.cards[0]);
  });

  it('a merchant outage is retried with exponential backoff until acknowledged', async () => {
    receiver.state.failing = 3;
    const before = receiver.received.length;
    const orderNo = await bind('approve');
    const eventId = `evt_${orderNo}_success`;
    const record = await eventually(async () => {
      const r = await bff.cardbind.outbox.record(eventId);
      return r?.delivered ? r : undefined;
    });
    expect(record.attempts).toBe(4);
    const attempts = receiver.received.slice(before).filter((r) => r.id === eventId);
    expect(attempts).toHaveLength(4);
    const status = await client.get(`/v1/bind-cards/${orderNo}`, { authorization: `Bearer ${API_KEY}` });
    expect(await status.json()).toMatchObject({ status: 'SUCCESS' });
  });

  it('gives up after maxAttempts and records it', async () => {
    receiver.state.failing = 100;
    const orderNo = await bind('approve');
    const record = await eventually(async () => {
      const r = await bff.cardbind.outbox.record(`evt_${orderNo}_success`);
      return r?.dead ? r : undefined;
    });
    expect(record).toMatchObject({ attempts: webhooks.maxAttempts, dead: true });
    expect(record.delivered).toBeUndefined();
    receiver.state.failing = 0;
  });
});

describe('dead webhooks, through the merchant API', () => {
  const merchant = { authorization: `Bearer ${API_KEY}` };
  const dead = async () =>
    ((await (await client.get('/v1/webhook-events/dead', merchant)).json()) as { events: { id: string }[] }).events;
  const accepted = (id: string) => receiver.received.filter((r) => r.id === id && r.accepted).length;

  it('an event that died is listed with its attempts, resent, and arrives once; then it is no longer dead', async () => {
    receiver.state.failing = 100;
    const id = `evt_${await bind('approve')}_success`;
    await eventually(async () => (await dead()).some((e) => e.id === id));
    const listed = (await dead()).find((e) => e.id === id);
    expect(listed).toMatchObject({ type: 'bind_card.succeeded', status: 'dead', attempts: webhooks.maxAttempts });
    expect(accepted(id)).toBe(0);

    receiver.state.failing = 0;
    const resend = await client.post(`/v1/webhook-events/${id}/resend`, '', merchant);
    expect(resend.status).toBe(202);
    expect(await resend.json()).toMatchObject({ id, status: 'pending', attempts: 0, resent: 1 });
    await eventually(() => accepted(id) === 1);
    // Time for a duplicate to show up (the poller and the kick share a lease).
    await new Promise((r) => setTimeout(r, 300));
    expect(accepted(id)).toBe(1);
    expect((await dead()).some((e) => e.id === id)).toBe(false);
    const view = await client.get(`/v1/webhook-events/${id}`, merchant);
    expect(await view.json()).toMatchObject({ id, status: 'delivered', attempts: 1, resent: 1 });
  });

  it('an event still being delivered cannot be resent (409 WEBHOOK_EVENT_PENDING)', async () => {
    const base = await baseConfig(sandbox, 'http://bff.test');
    const [shop] = base.merchants;
    const config = { ...base, merchants: [{ ...shop, webhook: { url: receiver.url, verificationResults: true } }] };
    // In process, with no delivery loop running: the event stays pending.
    const { app, outbox } = inProcessBff(config, { store: new MemoryStore() });
    const id = await outbox.enqueue({
      type: 'verification.completed',
      merchant: 'shop',
      id: 'evt_pending_check',
      data: VERIFICATION_DATA,
    });
    const res = await app.fetch(
      new Request(`http://bff.test/v1/webhook-events/${id}/resend`, { method: 'POST', headers: merchant }),
    );
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      409,
      'WEBHOOK_EVENT_PENDING',
    ]);
  });

  it('resend-all sends every dead event once; without the key, or for an id not theirs: nothing', async () => {
    receiver.state.failing = 100;
    const ids = [`evt_${await bind('approve')}_success`, `evt_${await bind('decline')}_fail`];
    await eventually(async () => {
      const listed = await dead();
      return ids.every((id) => listed.some((e) => e.id === id));
    });
    receiver.state.failing = 0;
    const all = await client.post('/v1/webhook-events/dead/resend', '', merchant);
    expect(all.status).toBe(202);
    expect(((await all.json()) as { resent: string[] }).resent).toEqual(expect.arrayContaining(ids));
    await eventually(() => ids.every((id) => accepted(id) === 1));
    expect(await dead()).toEqual([]);

    // Without the API key, or for an id that is not an event of this merchant's: nothing.
    expect((await client.get('/v1/webhook-events/dead')).status).toBe(401);
    expect((await client.get('/v1/webhook-events/evt_nope_success', merchant)).status).toBe(404);
    expect(await (await client.post('/v1/webhook-events/not-an-id/resend', '', merchant)).json()).toMatchObject({
      error: { code: 'WEBHOOK_EVENT_NOT_FOUND' },
    });
  });
});

describe('the outbox across instances', () => {
  it('two instances on one store deliver each event exactly once', async () => {
    const target = await startWebhookReceiver();
    const store = new MemoryStore();
    const config = await baseConfig(sandbox, bff.url);
    const [merchant] = config.merchants;
    const shared = { ...config, webhooks, merchants: [{ ...merchant, webhook: { url: target.url } }] };
    const a = inProcessBff(shared, { store });
    const b = inProcessBff(shared, { store });
    for (let i = 0; i < 30; i++) {
      await a.outbox.enqueue({
        type: 'bind_card.succeeded',
        merchant: 'shop',
        id: `evt_shared_${i}`,
        data: ORDER_DATA,
      });
    }
    while ((await store.due('webhooks', Date.now(), 100)).length > 0) {
      await Promise.all([a.outbox.deliverDue(), b.outbox.deliverDue(), a.outbox.deliverDue(), b.outbox.deliverDue()]);
    }
    const ids = target.received.map((r) => r.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    // Not enabled for this merchant: verification events are not even recorded.
    expect(
      await a.outbox.enqueue({
        type: 'verification.completed',
        merchant: 'shop',
        id: 'evt_ver_x',
        data: VERIFICATION_DATA,
      }),
    ).toBeUndefined();
  });
});
