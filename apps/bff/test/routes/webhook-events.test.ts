import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { eventually, inProcessBff } from '../support/bff.js';
import { API_KEY, baseConfig } from '../support/sandbox.js';
import { startWebhookBff, VERIFICATION_DATA, FAST_WEBHOOKS as webhooks } from '../support/webhooks.js';

const { sandbox, receiver, client, bind } = await startWebhookBff();

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
