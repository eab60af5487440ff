import { AGG_CUSTOMERS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { Client, frozenNodeBff, json, type OrderAnswer, sandboxedBff, startBff } from '../support/bff.js';
import { decideAtBank, openBankPage, throughBank } from '../support/browser.js';
import { API_KEY, BIND_BODY, baseConfig, ORIGIN, startSandbox } from '../support/sandbox.js';

const { sandbox, client } = await sandboxedBff();

describe('bind card over real HTTP', () => {
  it('create → /r/<ticket> (strict CSP) → bank → approve → notify → return → SUCCESS with bindId', async () => {
    const token = await client.session();
    const { res, json } = await client.bind(token);
    expect(res.status).toBe(201);
    expect(json).toMatchObject({ status: 'PENDING', redirectUrl: expect.stringMatching(/\/r\//) });

    const { html, csp, action, back } = await throughBank(json.redirectUrl ?? '', 'approve', sandbox);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]+'/);
    expect(csp).toContain(`form-action ${new URL(action).origin}`);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain('<noscript><button type="submit">');
    // Its icon is the page's own (data:), allowed by its CSP: no /favicon.ico request for the CSP to refuse.
    expect(html).toContain('<link rel="icon" href="data:,">');
    expect(csp.split('; ')).toContain('img-src data:');

    // The bank sends the browser to the BFF's return URL, which sends it to the merchant.
    const returnUrl = back.headers.get('location') ?? '';
    const toMerchant = await fetch(returnUrl, { redirect: 'manual' });
    expect(toMerchant.status).toBe(303);
    expect(toMerchant.headers.get('location')).toBe(`${ORIGIN}/checkout/done?cardbind_order=${json.orderNo}`);
    const again = await fetch(returnUrl, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe(toMerchant.headers.get('location'));

    const status = (await (
      await client.get(`/v1/bind-cards/${json.orderNo}`, { authorization: `Bearer ${token}` })
    ).json()) as OrderAnswer;
    expect(status).toMatchObject({ orderNo: json.orderNo, status: 'SUCCESS', bindId: expect.stringMatching(/^BIND/) });
    const forMerchant = (await (
      await client.get(`/v1/bind-cards/${json.orderNo}`, { authorization: `Bearer ${API_KEY}` })
    ).json()) as OrderAnswer;
    expect(forMerchant.bindId).toBe(status.bindId);

    expect((await fetch(json.redirectUrl ?? '')).status).toBe(410);
  });

  it('an aggregate-pay account without an md5Key signs with SHA256withRSA, as documented, and binds', async () => {
    const rsaBff = await startBff(async (url) => {
      const base = await baseConfig(sandbox, url);
      const { md5Key: _md5, ...agg } = base.providers['aggregate-pay'] ?? ({} as never);
      return {
        ...base,
        providers: { ...base.providers, 'aggregate-pay': { ...agg, customerNo: AGG_CUSTOMERS.rsa.customerNo } },
      };
    });
    const rsaClient = new Client(rsaBff.url);
    const token = await rsaClient.session();
    const res = await rsaClient.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    const { redirectUrl, orderNo } = (await res.json()) as OrderAnswer;
    await throughBank(redirectUrl ?? '', 'approve', sandbox);
    const order = await rsaClient.get(`/v1/bind-cards/${orderNo}`, { authorization: `Bearer ${API_KEY}` });
    expect(await order.json()).toMatchObject({ status: 'SUCCESS' });
  });

  it('one order per token: the same submit again gets that order, another body is refused', async () => {
    const token = await client.session();
    const creates = sandbox.aggregate.stats.count('create');
    const first = await client.bind(token);
    expect(first.res.status).toBe(201);
    // A retry of the same submit (a lost answer, a double click): the same order and the same way to the bank.
    const again = await client.bind(token);
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    // Another body under the token is another order, which the token does not allow.
    const other = await client.post(
      '/v1/bind-cards',
      { ...BIND_BODY, bankCode: 'CCB' },
      { authorization: `Bearer ${token}` },
    );
    expect(other.status).toBe(401);
    expect(await other.json()).toMatchObject({ error: { code: 'TOKEN_USED' } });
    expect(sandbox.aggregate.stats.count('create')).toBe(creates + 1);
  });

  it('invalid input spends nothing: the token still makes its order', async () => {
    const token = await client.session();
    const invalid = await client.post(
      '/v1/bind-cards',
      { ...BIND_BODY, idNumber: '110105194912310021' },
      { authorization: `Bearer ${token}` },
    );
    expect(invalid.status).toBe(422);
    expect((await client.bind(token)).res.status).toBe(201);
  });

  it('decline → FAIL with BIND_DECLINED', async () => {
    const token = await client.session();
    const { json } = await client.bind(token);
    await throughBank(json.redirectUrl ?? '', 'decline', sandbox);
    const status = (await (
      await client.get(`/v1/bind-cards/${json.orderNo}`, { authorization: `Bearer ${API_KEY}` })
    ).json()) as OrderAnswer;
    expect(status).toMatchObject({ status: 'FAIL', outcome: { reason: 'BIND_DECLINED' } });
  });

  it('a stale pending order is reconciled through the provider query', async () => {
    // A bank whose notifications never arrive: only the query can tell.
    const silent = await startSandbox({ aggregate: { notifier: { maxAttempts: 0 } } });
    let offset = 0;
    const lonely = await startBff((url) => baseConfig(silent, url), { now: () => Date.now() + offset });
    const c2 = new Client(lonely.url);
    const token = await c2.session();
    const created = (await (
      await c2.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` })
    ).json()) as OrderAnswer;
    const { action, ref } = await openBankPage(created.redirectUrl ?? '');
    await decideAtBank(action, ref, 'approve');
    const read = async () =>
      (await (
        await c2.get(`/v1/bind-cards/${created.orderNo}`, { authorization: `Bearer ${API_KEY}` })
      ).json()) as OrderAnswer;
    expect((await read()).status).toBe('PENDING');
    expect(silent.aggregate.stats.count('query')).toBe(0);
    offset = 120_000;
    expect(await read()).toMatchObject({ status: 'SUCCESS', bindId: expect.stringMatching(/^BIND/) });
    expect(silent.aggregate.stats.count('query')).toBe(1);
  });

  it('an order of another merchant or a malformed number is not found', async () => {
    expect((await client.get('/v1/bind-cards/BCnosuchorder0000', { authorization: `Bearer ${API_KEY}` })).status).toBe(
      404,
    );
    expect((await client.get('/v1/bind-cards/../../etc', { authorization: `Bearer ${API_KEY}` })).status).toBe(404);
  });

  it("a widget token reads bind orders only with the bind scope, and only its own user's", async () => {
    const { client } = await frozenNodeBff(sandbox);
    const bindToken = await client.session();
    const { orderNo } = (await (
      await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${bindToken}` })
    ).json()) as { orderNo: string };
    const verifyOnly = await client.session({ operations: ['verify3'], returnUrl: undefined, user: undefined });
    const denied = await client.get(`/v1/bind-cards/${orderNo}`, { authorization: `Bearer ${verifyOnly}` });
    expect([denied.status, (await json(denied)).error?.code]).toEqual([403, 'OPERATION_NOT_ALLOWED']);
    const otherUser = await client.session({ user: { userType: 'USER_ID', identifyId: 'u-2' } });
    expect((await client.get(`/v1/bind-cards/${orderNo}`, { authorization: `Bearer ${otherUser}` })).status).toBe(404);
    const sameUser = await client.session();
    expect((await client.get(`/v1/bind-cards/${orderNo}`, { authorization: `Bearer ${sameUser}` })).status).toBe(200);
  });
});
