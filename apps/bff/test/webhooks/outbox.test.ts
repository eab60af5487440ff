import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@cardbind/sandbox/node';
import { compactVerify, createRemoteJWKSet, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { afterThis } from '../../../../scripts/test-processes/track.js';
import { type ConfigInput, WEBHOOK_JWS_TYPE } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory.js';
import { eventually, frozenNodeBff, inProcessBff } from '../support/bff.js';
import { startWebhookReceiver } from '../support/browser.js';
import { API_KEY, baseConfig, HOLDER as holder, VERIFY3 } from '../support/sandbox.js';
import { ORDER_DATA, startWebhookBff, VERIFICATION_DATA, FAST_WEBHOOKS as webhooks } from '../support/webhooks.js';

const { sandbox, receiver, bff, client, bind } = await startWebhookBff();
const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', bff.url));
const logLines = (logs: string[]) => logs.map((l) => JSON.parse(l) as Record<string, unknown>);

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

  it('a webhook is a JWS of its own typ (a widget token is not), and its log lines keep their names', async () => {
    const receiver = await startWebhookReceiver();
    const { client, logs, cardbind } = await frozenNodeBff(
      sandbox,
      {},
      {
        merchants: [
          {
            ...(await baseConfig(sandbox, 'http://127.0.0.1')).merchants[0],
            webhook: { url: receiver.url, verificationResults: true },
          } as ConfigInput['merchants'][number],
        ],
      },
    );
    const signing = cardbind.config.signingKeys[0];
    const { d: _private, ...publicJwk } = signing?.privateJwk ?? { d: '' };
    const key = (await importJWK({ ...publicJwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
    const token = await client.session();
    expect((await compactVerify(token, key)).protectedHeader.typ).toBe('JWT');

    const res = await client.post('/v1/verifications', VERIFY3, {
      authorization: `Bearer ${token}`,
      'idempotency-key': 'webhook-0001',
    });
    expect(res.status).toBe(200);
    const delivered = await eventually(() => receiver.received.find((r) => r.accepted));
    const verified = await compactVerify(delivered.jws, key);
    expect(verified.protectedHeader).toMatchObject({ alg: 'ES256', typ: WEBHOOK_JWS_TYPE });
    const event = JSON.parse(new TextDecoder().decode(verified.payload)) as { id: string };
    expect(event).toMatchObject({ type: 'verification.completed', merchant: 'shop' });
    // (Other BFFs of this file log deliveries too: this event's line.)
    const line = await eventually(() =>
      logLines(logs).find((l) => l.event === 'webhook.delivered' && l.eventId === event.id),
    );
    expect(line).toMatchObject({ eventId: event.id, type: 'verification.completed', attempt: 1, answer: 204 });
  });
});

describe('why a delivery got no answer', () => {
  it('a merchant endpoint that refuses connections is logged as ECONNREFUSED, one that hangs as timeout', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/hooks`;
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    afterThis(() => new Promise((resolve) => hanging.close(resolve)));
    hanging.on('connection', (socket) => afterThis(() => socket.destroy()));
    for (const [url, answer] of [
      [closed, 'ECONNREFUSED'],
      [`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hooks`, 'timeout'],
    ] as const) {
      const { client, logs } = await frozenNodeBff(
        sandbox,
        {},
        {
          merchants: [
            {
              ...(await baseConfig(sandbox, 'http://127.0.0.1')).merchants[0],
              webhook: { url, verificationResults: true },
            } as ConfigInput['merchants'][number],
          ],
          webhooks: { ...webhooks, timeoutMs: 300 },
        },
      );
      const res = await client.post('/v1/verifications', VERIFY3, {
        authorization: `Bearer ${await client.session()}`,
        'idempotency-key': `no-answer-${answer}`,
      });
      expect(res.status).toBe(200);
      // (The file's BFFs share one log: this event's line.)
      const eventId = `evt_${((await res.json()) as { id: string }).id}`;
      const line = await eventually(() =>
        logLines(logs).find((l) => l.event === 'webhook.retry' && l.eventId === eventId),
      );
      expect(line).toMatchObject({ attempt: 1, answer });
    }
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
