import { applyBindEvent, type BindOrderState } from '@cardbind/core/bind';
import type { BindCardRequest, BindNotification } from '@cardbind/core/contract';
import { importRsaPublicKey } from '@cardbind/core/crypto';
import {
  createAggregatePayProvider,
  createAggSigner,
  sealEnvelope,
} from '@cardbind/core/providers/aggregate-pay/internal';
import {
  AGG_CUSTOMERS,
  AGG_IDENTIFY_TRIGGERS,
  SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
  SANDBOX_RSA_PUBLIC_KEY,
} from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { ctx, HOLDER, serveForSuite } from '../../simulators.js';
import { aggregatePayFixture, bindRequests } from './aggregate-pay.js';

const { config, provider, simulator } = await aggregatePayFixture();

/**
 * The merchant's side, as a test harness: a notify endpoint that verifies
 * with the provider and applies the one bind-order rule to a store.
 */
const store = new Map<string, BindOrderState>();
const changes: string[] = [];
let failFirst = 0;
const text = (body: string, status = 200) => new Response(body, { status });
async function merchant(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (request.method === 'GET' && pathname === '/return') return text('back at the merchant');
  if (request.method !== 'POST' || pathname !== '/notify') return text('NOT_FOUND', 404);
  if (failFirst > 0) {
    failFirst--;
    return text('BUSY', 503);
  }
  let notification: BindNotification;
  try {
    notification = await provider.parseNotification(request, ctx());
  } catch (error) {
    return text(`FAIL ${(error as { code?: string }).code}`, 400);
  }
  const current = store.get(notification.orderNo);
  if (!current) return text('UNKNOWN_ORDER', 404);
  const { changed, state } = applyBindEvent(current, notification);
  if (changed) changes.push(`${notification.orderNo}:${state.status}`);
  store.set(notification.orderNo, state);
  const { body, status, contentType } = notification.reply;
  return new Response(body, { status, headers: { 'content-type': contentType } });
}
const merchantServer = await serveForSuite({ fetch: merchant });
const bindRequest = bindRequests(merchantServer.url);

/** Creates an order and walks the bank page: the form is POSTed, the decision taken. */
async function bindThroughBank(p: typeof provider, request: BindCardRequest, decision: 'approve' | 'decline') {
  const created = await p.createBind(request, ctx());
  if (!created.ok) throw new Error(`create failed: ${created.outcome.reason}`);
  store.set(request.orderNo, { status: 'PENDING' });
  const { form } = created;
  const page = await fetch(form.action, {
    method: form.method,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form.fields as Record<string, string>).toString(),
  });
  const html = await page.text();
  const ref = /name="ref" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const back = await fetch(new URL('/bank/confirm', form.action), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ref, decision }).toString(),
    redirect: 'manual',
  });
  await simulator.notifier.idle();
  return { created, html, back };
}

describe('the whole bind over real HTTP', () => {
  it('create → form → bank page → approve → notification (verified) SUCCESS with bindId → query agrees', async () => {
    const request = bindRequest();
    const { created, html, back } = await bindThroughBank(provider, request, 'approve');
    expect(created.ok && created.form).toMatchObject({ method: 'POST', acceptCharset: 'UTF-8' });
    expect(created.ok && Object.keys(created.form.fields)).toEqual(['epccGwMsg']);
    expect(html).toContain('中国工商银行');
    expect(html).toContain('622202*********1008');
    expect(html).not.toContain(HOLDER.cardNumber);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(request.returnUrl);
    const stored = store.get(request.orderNo);
    expect(stored?.status).toBe('SUCCESS');
    expect(stored?.bindId).toMatch(/^BIND/);
    const queried = await provider.queryBind(request.orderNo, ctx());
    expect(queried).toMatchObject({ orderNo: request.orderNo, status: 'SUCCESS', bindId: stored?.bindId });
  });

  it('decline → FAIL with BIND_DECLINED; query agrees', async () => {
    const request = bindRequest();
    await bindThroughBank(provider, request, 'decline');
    expect(store.get(request.orderNo)).toEqual({ status: 'FAIL' });
    const queried = await provider.queryBind(request.orderNo, ctx());
    expect(queried).toMatchObject({ status: 'FAIL', outcome: { status: 'card_rejected', reason: 'BIND_DECLINED' } });
  });

  it('works with SHA256withRSA signing too', async () => {
    const rsa = createAggregatePayProvider({
      ...config,
      customerNo: AGG_CUSTOMERS.rsa.customerNo,
      signType: 'SHA256withRSA',
    });
    const request = bindRequest();
    const created = await rsa.createBind(request, ctx());
    expect(created.ok).toBe(true);
    expect(await rsa.queryBind(request.orderNo, ctx())).toMatchObject({ status: 'PENDING' });
  });

  it('the bank page retries until the merchant answers OK', async () => {
    failFirst = 2;
    const request = bindRequest();
    await bindThroughBank(provider, request, 'approve');
    const attempts = simulator.notifier.deliveries.filter((d) => d.orderNo === request.orderNo);
    expect(attempts.map((d) => d.replied)).toEqual(['BUSY', 'BUSY', 'OK']);
    expect(store.get(request.orderNo)?.status).toBe('SUCCESS');
  });

  it('chaos mode: a duplicate and an out-of-order PROCESSING change nothing', async () => {
    const request = bindRequest({ identifyId: AGG_IDENTIFY_TRIGGERS.chaos });
    await bindThroughBank(provider, request, 'approve');
    const sent = simulator.notifier.deliveries.filter((d) => d.orderNo === request.orderNo && d.replied === 'OK');
    expect(sent.map((d) => d.status)).toEqual(['SUCCESS', 'SUCCESS', 'PROCESSING']);
    expect(changes.filter((c) => c.startsWith(request.orderNo))).toEqual([`${request.orderNo}:SUCCESS`]);
    expect(store.get(request.orderNo)?.status).toBe('SUCCESS');
  });
});

describe('notifications that must change nothing', () => {
  const post = (body: string) =>
    fetch(`${merchantServer.url}/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  async function genuine(orderNo: string, status: string, bindId?: string, md5Key: string = AGG_CUSTOMERS.md5.md5Key) {
    const plain = {
      customerNo: config.customerNo,
      orderNo,
      status,
      errCode: '0000',
      errMessage: '成功',
      ...(bindId ? { bindId } : {}),
    };
    const sign = await createAggSigner({ type: 'MD5', md5Key }).sign(plain);
    return JSON.stringify(
      sealEnvelope({ ...plain, sign }, config.customerNo, await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY)),
    );
  }

  it('a forged notification (wrong key) is rejected and the order stays pending', async () => {
    const orderNo = `F${Date.now()}`;
    store.set(orderNo, { status: 'PENDING' });
    const res = await post(await genuine(orderNo, 'SUCCESS', 'BINDFORGED', 'not-the-key'));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('FAIL ERR_PROVIDER_SIGNATURE');
    expect(store.get(orderNo)).toEqual({ status: 'PENDING' });
  });

  it('a notification encrypted to another key, or not an envelope, is rejected', async () => {
    const orderNo = `G${Date.now()}`;
    store.set(orderNo, { status: 'PENDING' });
    const wrongKey = JSON.stringify(
      sealEnvelope({ orderNo, status: 'SUCCESS' }, config.customerNo, await importRsaPublicKey(SANDBOX_RSA_PUBLIC_KEY)),
    );
    expect((await post(wrongKey)).status).toBe(400);
    expect((await post('{"hello":"world"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect(store.get(orderNo)).toEqual({ status: 'PENDING' });
  });

  it('a replayed genuine notification changes nothing', async () => {
    const orderNo = `R${Date.now()}`;
    store.set(orderNo, { status: 'PENDING' });
    const body = await genuine(orderNo, 'SUCCESS', 'BIND-R1');
    expect(await (await post(body)).text()).toBe('OK');
    const after = store.get(orderNo);
    expect(await (await post(body)).text()).toBe('OK');
    expect(await (await post(await genuine(orderNo, 'FAIL'))).text()).toBe('OK');
    expect(store.get(orderNo)).toEqual(after);
    expect(changes.filter((c) => c.startsWith(orderNo))).toEqual([`${orderNo}:SUCCESS`]);
  });

  it('a genuine notification for an unknown order is not acknowledged and creates nothing', async () => {
    const res = await post(await genuine('NO-SUCH-ORDER', 'SUCCESS', 'BIND-X'));
    expect(res.status).toBe(404);
    expect(store.has('NO-SUCH-ORDER')).toBe(false);
  });
});
