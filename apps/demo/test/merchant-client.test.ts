import { CardbindApiError, createCardbindClient, WebhookVerificationError } from '@cardbind/client';
import { CARDHOLDERS } from '@cardbind/sandbox';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { eventually, startDev, startReceiver } from './dev-server.js';

const ORIGIN = 'http://shop.test:3000';
const holder = CARDHOLDERS[0] ?? { name: '', idNumber: '', phone: '', cards: [''] };
const receiver = await startReceiver();
const dev = await startDev(['--origin', ORIGIN, '--webhook-url', receiver.url]);
const cardbind = createCardbindClient({ baseUrl: dev.url, apiKey: dev.apiKey });

/** What the widget does in the browser, over plain HTTP. */
async function verifyInBrowser(token: string, cardNumber = holder.cards[0]) {
  const res = await fetch(`${dev.url}/v1/verifications`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      origin: ORIGIN,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({ kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber, consent: true }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string };
}

describe('@cardbind/client against `cardbind dev`', () => {
  it('creates a session, reads the verification back, and verifies its webhook', async () => {
    const session = await cardbind.sessions.create({ operations: ['verify3'], origin: ORIGIN });
    expect(session.expiresAt * 1000).toBeGreaterThan(Date.now());
    const { id } = await verifyInBrowser(session.token);

    const verification = await cardbind.verifications.retrieve(id);
    expect(verification).toMatchObject({ id, kind: 3, outcome: { status: 'verified', charged: true } });
    expect(verification.card).toBe('622202*********1008');

    const body = await eventually(() => receiver.bodies.find((b) => b.length > 0));
    const event = await cardbind.webhooks.verify(body);
    expect(event.type).toBe('verification.completed');
    if (event.type !== 'verification.completed') throw new Error('narrowing');
    expect(event.data.id).toBe(id);
    expect(event.merchant).toBe(dev.merchantId);
  });

  it("reads a webhook event's delivery, resends it, and finds no dead ones", async () => {
    const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: ORIGIN });
    const { id } = await verifyInBrowser(token);
    const eventId = `evt_${id}`;
    const seen = await (async () => {
      for (;;) {
        const view = await cardbind.webhookEvents.retrieve(eventId);
        if (view.status === 'delivered') return view;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    expect(seen).toMatchObject({ id: eventId, type: 'verification.completed', attempts: 1 });
    const before = receiver.bodies.length;
    expect(await cardbind.webhookEvents.resend(eventId)).toMatchObject({ id: eventId, status: 'pending', resent: 1 });
    await eventually(() => (receiver.bodies.length > before ? true : undefined));
    expect((await cardbind.webhooks.verify(receiver.bodies.at(-1) ?? '')).id).toBe(eventId);
    expect(await cardbind.webhookEvents.listDead()).toEqual([]);
    expect(await cardbind.webhookEvents.resendDead()).toEqual([]);
    const missing = await cardbind.webhookEvents.retrieve('evt_none').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'WEBHOOK_EVENT_NOT_FOUND' });
  });

  it('lists the verifications of a window, a page at a time or all of them', async () => {
    // A window that starts after everything the earlier tests verified.
    await new Promise((r) => setTimeout(r, 2));
    const since = new Date().toISOString();
    const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: ORIGIN });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await cardbind.verifications.retrieve((await verifyInBrowser(token)).id));
    // Oldest first; two made within one millisecond come in id order.
    const ids = made
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((v) => v.id);
    const first = await cardbind.verifications.list({ createdFrom: since, limit: 2 });
    expect(first.data.map((v) => v.id)).toEqual(ids.slice(0, 2));
    expect(first.hasMore).toBe(true);
    const second = await cardbind.verifications.list({ createdFrom: since, limit: 2, startingAfter: ids[1] ?? '' });
    expect(second).toMatchObject({ data: [{ id: ids[2], outcome: { status: 'verified' } }], hasMore: false });
    const all: string[] = [];
    for await (const v of cardbind.verifications.listAll({ createdFrom: since, limit: 1 })) all.push(v.id);
    expect(all).toEqual(ids);
    const bad = await cardbind.bindCards.list({ createdFrom: 'yesterday' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });

  it('a mismatch is read back as a mismatch: the browser cannot make it verified', async () => {
    const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: ORIGIN });
    const { id } = await verifyInBrowser(token, CARDHOLDERS[1]?.cards[0]);
    expect((await cardbind.verifications.retrieve(id)).outcome.status).toBe('mismatch');
  });

  it('API errors are CardbindApiError with the stable code', async () => {
    const missing = await cardbind.verifications.retrieve(`ver_${'0'.repeat(32)}`).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CardbindApiError);
    expect(missing).toMatchObject({ status: 404, code: 'VERIFICATION_NOT_FOUND' });
    const foreign = await cardbind.sessions
      .create({ operations: ['verify3'], origin: 'https://evil.example' })
      .catch((e: unknown) => e);
    expect(foreign).toMatchObject({ status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    const invalid = await cardbind.sessions
      .create({ operations: ['pay' as 'bind'], origin: ORIGIN })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    const stranger = createCardbindClient({ baseUrl: dev.url, apiKey: 'sk_test_wrong' });
    const refused = await stranger.bindCards.retrieve('BC0000000000').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('a widget token, a forged event and garbage never pass for a webhook', async () => {
    const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: ORIGIN });
    await expect(cardbind.webhooks.verify(token)).rejects.toMatchObject({ code: 'WEBHOOK_NOT_AN_EVENT' });
    const { privateKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const forged = await new SignJWT({
      id: 'evt_x',
      type: 'verification.completed',
      merchant: 'shop',
      created: '',
      data: {},
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'cardbind-event+jws', kid: 'k1' })
      .sign(privateKey);
    await expect(cardbind.webhooks.verify(forged)).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    await expect(cardbind.webhooks.verify('not a jws')).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('a body a parser got to first is refused with what to do; the raw bytes pass', async () => {
    const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: ORIGIN });
    await verifyInBrowser(token);
    const body = await eventually(() => receiver.bodies.find((b) => b.length > 0));
    // Express's JSON parser leaves {} for an application/jose body.
    for (const parsed of [{}, undefined, JSON.parse(JSON.stringify({ body }))]) {
      const refused = await cardbind.webhooks.verify(parsed as string).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WebhookVerificationError);
      expect(refused).toMatchObject({ code: 'WEBHOOK_BODY_NOT_RAW' });
      expect((refused as Error).message).toContain("express.text({ type: 'application/jose' })");
    }
    expect((await cardbind.webhooks.verify(new TextEncoder().encode(body))).type).toBe('verification.completed');
  });
});
