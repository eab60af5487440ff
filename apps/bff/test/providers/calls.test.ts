import { describe, expect, it } from 'vitest';
import { Client, startBff } from '../support/bff.js';
import { throughBank } from '../support/browser.js';
import { API_KEY, BIND_BODY, baseConfig, startSandbox, VERIFY3 } from '../support/sandbox.js';

// Bind create and reconciliation go through the one provider call path verification takes: the
// circuit breaker and QPS pacing hold for them too. A notification is no call of ours: it lands
// whatever the breaker says.

/** Bind creates the aggregate-pay simulator answers with a 500 while this is set. */
const failing = { creates: false };
const sandbox = await startSandbox({
  tap: (provider, request) => {
    if (provider === 'aggregate-pay' && failing.creates && new URL(request.url).pathname.endsWith('/create')) {
      throw new Error('the provider is down');
    }
  },
});
const creates = () => sandbox.aggregate.stats.count('create');
const api = { authorization: `Bearer ${API_KEY}` };

async function createOrder(client: Client) {
  const token = await client.session();
  const res = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
  return { res, json: (await res.json()) as { orderNo: string; redirectUrl: string; error?: { code: string } } };
}

describe('the circuit breaker of a bind provider', () => {
  it('opens after it keeps failing: a create is then refused as a verification is (NO_PROVIDER), no call sent; a notification still lands', async () => {
    const bff = await startBff((url) => baseConfig(sandbox, url));
    const client = new Client(bff.url);
    // An order at the bank before the provider goes down.
    const before = await createOrder(client);
    expect(before.res.status).toBe(201);

    failing.creates = true;
    for (let i = 0; i < 5; i++) {
      // The provider answers 500: the order fails (nothing was billed) and the breaker counts it.
      expect((await createOrder(client)).res.status).toBe(200);
    }
    const sent = creates();
    const refused = await createOrder(client);
    expect([refused.res.status, refused.json.error?.code]).toEqual([503, 'NO_PROVIDER']);
    expect(refused.res.headers.get('retry-after')).toBe('1');
    expect(creates()).toBe(sent);
    // The order written for the provider before its circuit was read as open is no order: the
    // merchant's list holds the six that reached the provider, none left CREATED.
    const listed = (await (await client.get('/v1/bind-cards?limit=100', api)).json()) as { data: { status: string }[] };
    expect(listed.data).toHaveLength(6);
    expect(listed.data.filter((o) => o.status === 'CREATED')).toEqual([]);
    // The verification path refuses the same way when no provider can serve it.
    const verifier = await startBff(async (url) => ({
      ...(await baseConfig(sandbox, url)),
      routing: { verify3: [], bindCard: ['aggregate-pay'] },
    }));
    const vClient = new Client(verifier.url);
    const verify = await vClient.post('/v1/verifications', VERIFY3, {
      authorization: `Bearer ${await vClient.session()}`,
      'idempotency-key': 'no-provider-0001',
    });
    expect([verify.status, ((await verify.json()) as { error: { code: string } }).error.code]).toEqual([
      503,
      'NO_PROVIDER',
    ]);

    // The cardholder approves the earlier order at the bank meanwhile: its notification lands.
    await throughBank(before.json.redirectUrl, 'approve');
    await sandbox.aggregate.notifier.idle();
    const order = await (await client.get(`/v1/bind-cards/${before.json.orderNo}`, api)).json();
    expect(order).toMatchObject({ status: 'SUCCESS' });
    failing.creates = false;
  });
});

describe('QPS pacing of a bind provider', () => {
  it('holds creates to the configured rate: at 2 a second, one in a half-second slot, the rest NO_PROVIDER', async () => {
    // A clock that does not move, at the start of a half-second slot: every create falls in that
    // slot, and the next one is further off than a create may wait for a slot (MAX_PACING_WAIT_MS).
    const now = Math.floor(Date.now() / 500) * 500;
    const bff = await startBff(
      async (url) => ({
        ...(await baseConfig(sandbox, url)),
        limits: { providerQps: { 'aggregate-pay': 2 } },
      }),
      { now: () => now },
    );
    const client = new Client(bff.url);
    const sent = creates();
    const answers = await Promise.all(Array.from({ length: 6 }, () => createOrder(client)));
    const statuses = answers.map((a) => a.res.status).sort();
    expect(statuses).toEqual([201, 503, 503, 503, 503, 503]);
    expect(answers.filter((a) => a.res.status === 503).every((a) => a.json.error?.code === 'NO_PROVIDER')).toBe(true);
    expect(creates()).toBe(sent + 1);
  });
});
