import { createHash } from 'node:crypto';
import { SCENARIO_CARDS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/app.js';
import { dayOf } from '../../src/operations/stats.js';
import { operationsSummary } from '../../src/schemas.js';
import { Client, eventually, inProcessBff, startBff } from '../support/bff.js';
import { startWebhookReceiver, throughBank } from '../support/browser.js';
import { written } from '../support/pii.js';
import { API_KEY, BIND_BODY, baseConfig, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

const OPERATOR_KEY = 'op_test_cardbind_0123456789abcdef';
const OTHER_KEY = 'sk_test_other_merchant_0123456789';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const sandbox = await startSandbox();

interface Provider {
  id: string;
  calls: number;
  paid: number;
  spend: number | null;
  circuitOpen: boolean;
  outcomes: Record<string, number>;
  failovers: number;
  skipped: Record<string, number>;
  latencyMs: Record<string, number | null>;
  daily: { day: string; paid: number; spend: number | null }[];
}
interface Summary {
  reader: { operator: boolean; merchant?: string };
  days: string[];
  providers?: Provider[];
  webhooks: { backlog?: number; today?: Record<string, number>; dead: { id: string; merchant: string }[] };
  orders: { orderNo: string; merchant: string; status: string }[];
}

/** A BFF with the operator key, prices, two merchants (one's webhook down for good), fast webhook retries. */
async function operatedBff() {
  const receiver = await startWebhookReceiver({ failing: 1_000 });
  const bff = await startBff(async (url) => {
    const config = await baseConfig(sandbox, url);
    const shop = config.merchants[0] as (typeof config.merchants)[0];
    return {
      ...config,
      merchants: [
        { ...shop, webhook: { url: receiver.url, verificationResults: true } },
        { ...shop, id: 'other', apiKeySha256: sha256(OTHER_KEY) },
      ],
      operatorKeySha256: sha256(OPERATOR_KEY),
      operations: { unitPrices: { 'tencent-faceid': 0.3, 'tencent-csec': 0.25 } },
      limits: { cardPerDay: 100, sessionAttempts: 100 },
      webhooks: { retryBaseMs: 10, retryMaxMs: 10, maxAttempts: 2, pollMs: 20 },
    };
  });
  const client = new Client(bff.url);
  const summary = async (key = OPERATOR_KEY, query = '') => {
    const res = await client.get(`/v1/operations/summary${query}`, { authorization: `Bearer ${key}` });
    const text = await res.text();
    // Every summary goes through the suite's PII scan, as exported spans and metrics do.
    written.telemetry.push(text);
    return { status: res.status, body: JSON.parse(text) as Summary & { error?: { code: string } } };
  };
  return { bff, client, receiver, summary };
}

describe('the operations page: GET /v1/operations/summary', () => {
  it('counts what the simulators answered: calls, paid calls and spend, outcomes, failovers, the open circuit', async () => {
    const { client, summary } = await operatedBff();
    const token = await client.session();
    const before = { faceid: sandbox.faceid.stats.requests, csec: sandbox.csec.stats.requests };
    let n = 0;
    const verify = (cardNumber: string | undefined) =>
      client.post(
        '/v1/verifications',
        { ...verification, cardNumber },
        { authorization: `Bearer ${token}`, 'idempotency-key': `ops-${n++}-00000` },
      );
    for (let i = 0; i < 3; i++) expect((await verify(verification.cardNumber)).status).toBe(200);
    expect((await verify(SCENARIO_CARDS.cardholder_info_wrong)).status).toBe(200);
    // An outage: FaceID busy (nothing charged) fails over to csec, busy too; five open both circuits.
    for (let i = 0; i < 5; i++) expect((await verify(SCENARIO_CARDS.busy)).status).toBe(200);
    expect((await verify(verification.cardNumber)).status).toBe(503);

    const { status, body } = await summary();
    expect(status).toBe(200);
    expect(body.reader).toEqual({ operator: true });
    // The answer is what the OpenAPI document says it is.
    expect(operationsSummary.safeParse(body).error).toBeUndefined();
    const faceid = body.providers?.find((p) => p.id === 'tencent-faceid');
    const csec = body.providers?.find((p) => p.id === 'tencent-csec');
    expect(faceid?.calls).toBe(sandbox.faceid.stats.requests - before.faceid);
    expect(csec?.calls).toBe(sandbox.csec.stats.requests - before.csec);
    expect(faceid).toMatchObject({
      calls: 9,
      paid: 4,
      spend: 1.2,
      circuitOpen: true,
      outcomes: { verified: 3, mismatch: 1, unavailable: 5 },
      failovers: 5,
      skipped: { circuit_open: 1 },
    });
    expect(csec).toMatchObject({ calls: 5, paid: 0, spend: 0, circuitOpen: true, outcomes: { unavailable: 5 } });
    expect(faceid?.latencyMs.p50).toBeGreaterThan(0);
    // Seven days, oldest first, today last; today's paid calls there too.
    expect(body.days).toHaveLength(7);
    expect(body.days.at(-1)).toBe(dayOf(Date.now()));
    expect(faceid?.daily.at(-1)).toMatchObject({ paid: 4, spend: 1.2 });
    expect(faceid?.daily.slice(0, -1).every((d) => d.paid === 0)).toBe(true);
    // No price configured: no spend, not a spend of 0.
    expect(body.providers?.find((p) => p.id === 'rz')).toMatchObject({ calls: 0, spend: null });
    for (const raw of [verification.name, verification.idNumber, verification.cardNumber ?? '']) {
      expect(JSON.stringify(body)).not.toContain(raw);
    }
  });

  it('lists dead webhooks and recent orders; the page resends a dead one and it arrives once', async () => {
    const { client, receiver, summary } = await operatedBff();
    const orders: string[] = [];
    for (const decision of ['approve', 'decline'] as const) {
      const token = await client.session({ operations: ['bind'] });
      const res = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
      const { orderNo, redirectUrl } = (await res.json()) as { orderNo: string; redirectUrl: string };
      orders.push(orderNo);
      await throughBank(redirectUrl, decision);
    }
    // Both results announced, both given up on after two attempts.
    const dead = await eventually(async () => {
      const { body } = await summary();
      return body.webhooks.dead.length === 2 && body;
    });
    expect(dead.orders.map((o) => o.orderNo).sort()).toEqual([...orders].sort());
    expect(dead.orders.map((o) => o.status).sort()).toEqual(['FAIL', 'SUCCESS']);
    expect(dead.webhooks.today).toMatchObject({ failed: 4, dead: 2, delivered: 0 });
    expect(dead.webhooks.backlog).toBe(0);
    const aggregate = dead.providers?.find((p) => p.id === 'aggregate-pay');
    expect(aggregate?.outcomes).toMatchObject({ created: 2 });
    expect(aggregate?.paid).toBe(0);

    receiver.state.failing = 0;
    const [first] = dead.webhooks.dead;
    const resent = await client.post(`/v1/operations/webhook-events/${first?.id}/resend`, '', {
      authorization: `Bearer ${OPERATOR_KEY}`,
    });
    expect(resent.status).toBe(202);
    await eventually(() => receiver.received.some((r) => r.id === first?.id && r.accepted));
    const after = await eventually(async () => {
      const { body } = await summary();
      return body.webhooks.dead.length === 1 && body;
    });
    expect(after.webhooks.today?.delivered).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.filter((r) => r.id === first?.id && r.accepted)).toHaveLength(1);
    // The other one, with "resend all".
    const all = await client.post('/v1/operations/webhook-events/dead/resend', '', {
      authorization: `Bearer ${OPERATOR_KEY}`,
    });
    expect(((await all.json()) as { resent: string[] }).resent).toEqual([dead.webhooks.dead[1]?.id]);
    await eventually(async () => (await summary()).body.webhooks.dead.length === 0);
  });

  it('a merchant key sees its own webhooks and orders, not the providers of a BFF it shares', async () => {
    const { client, summary } = await operatedBff();
    const token = await client.session({ operations: ['bind'] });
    await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    const own = await summary(API_KEY);
    expect(own.status).toBe(200);
    expect(own.body.reader).toEqual({ operator: false, merchant: 'shop' });
    expect(own.body.providers).toBeUndefined();
    expect(own.body.webhooks.backlog).toBeUndefined();
    expect(own.body.orders).toHaveLength(1);
    const other = await summary(OTHER_KEY);
    expect(other.body).toMatchObject({ reader: { merchant: 'other' }, orders: [] });
    // Nor can it resend another merchant's event.
    const foreign = await client.post('/v1/operations/webhook-events/evt_BC0000000000_success/resend', '', {
      authorization: `Bearer ${OTHER_KEY}`,
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses no key, a wrong key and a widget token; a bad query is a 400', async () => {
    const { client, summary } = await operatedBff();
    expect((await client.get('/v1/operations/summary')).status).toBe(401);
    expect((await summary('op_wrong_key_0000000000000000')).status).toBe(401);
    expect((await summary(await client.session())).status).toBe(401);
    const bad = await summary(OPERATOR_KEY, '?days=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INVALID_REQUEST');
    expect((await summary(OPERATOR_KEY, '?days=30')).body.days).toHaveLength(30);
  });

  it('sums the counts of every instance on one store', async () => {
    const store = new MemoryStore();
    const config = async (url: string) => ({
      ...(await baseConfig(sandbox, url)),
      operatorKeySha256: sha256(OPERATOR_KEY),
      limits: { cardPerDay: 100, sessionAttempts: 100 },
    });
    const one = await startBff(config, { store });
    const two = await startBff(config, { store });
    for (const [i, bff] of [one, two, two].entries()) {
      const client = new Client(bff.url);
      const res = await client.post('/v1/verifications', verification, {
        authorization: `Bearer ${await client.session()}`,
        'idempotency-key': `instances-${i}-0000`,
      });
      expect(res.status).toBe(200);
    }
    // The other instance writes what it counted (as it does every few seconds, and on close).
    await two.cardbind.flush();
    const res = await new Client(one.url).get('/v1/operations/summary', { authorization: `Bearer ${OPERATOR_KEY}` });
    const body = (await res.json()) as Summary;
    expect(body.providers?.find((p) => p.id === 'tencent-faceid')?.outcomes).toEqual({ verified: 3 });
  });

  it('is off with operations.page false: no page, no summary', async () => {
    const app = inProcessBff({ ...(await baseConfig(sandbox, 'http://bff.test')), operations: { page: false } }).app;
    expect((await app.request('/ops')).status).toBe(404);
    expect((await app.request('/v1/operations/summary')).status).toBe(404);
  });
});

describe('GET /ops: the page', () => {
  it('is a shell under a CSP that allows only its own script and styles, framed by nobody', async () => {
    const { client } = await operatedBff();
    const res = await client.get('/ops');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect((await (await client.get('/ops?lang=en')).text()).startsWith('<!doctype html>\n<html lang="en">')).toBe(
      true,
    );
    const script = /src="(\/ops\/ops\.js\?v=[0-9a-f]+)"/.exec(html)?.[1] ?? '';
    const js = await client.get(script);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await client.get('/ops/ops.css')).headers.get('cache-control')).toBe('no-cache');
  });
});
