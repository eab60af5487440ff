import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client, startBff } from '../support/bff.js';
import { throughBank } from '../support/browser.js';
import { API_KEY, BIND_BODY, baseConfig, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

const sandbox = await startSandbox();
const OTHER_KEY = 'sk_test_other_merchant_0123456789';
const DAY = 86_400_000;

/** A BFF on a clock the test moves, with a second merchant. */
async function clockedBff() {
  // Real time (the bind simulator checks an order's expiry against its own clock), on a whole second.
  const start = Math.floor(Date.now() / 1000) * 1000;
  const clock = { now: start, start };
  const bff = await startBff(
    async (url) => {
      const config = await baseConfig(sandbox, url);
      const shop = config.merchants[0];
      return {
        ...config,
        merchants: [
          ...config.merchants,
          {
            ...shop,
            id: 'other',
            apiKeySha256: createHash('sha256').update(OTHER_KEY).digest('hex'),
          } as NonNullable<typeof shop>,
        ],
        limits: { cardPerDay: 1000, idPerDay: 1000, sessionAttempts: 1000 },
        tokenTtlSeconds: 3600,
      };
    },
    { now: () => clock.now },
  );
  const client = new Client(bff.url);
  const token = await client.session({ operations: ['verify3', 'bind'] });
  let n = 0;
  const verify = async (bearer = token) => {
    const res = await client.post('/v1/verifications', verification, {
      authorization: `Bearer ${bearer}`,
      'idempotency-key': `list-${n++}-00000`,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  };
  const list = async (path: string, query: Record<string, string | number> = {}, key = API_KEY) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const res = await client.get(`${path}?${qs}`, { authorization: `Bearer ${key}` });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const at = (ms: number) => new Date(clock.start + ms).toISOString();
  return { bff, client, clock, token, verify, list, at };
}

const ids = (body: Record<string, unknown>) => (body.data as { id: string }[]).map((v) => v.id);

describe('GET /v1/verifications: a window of creation times, for reconciliation', () => {
  it('lists oldest first, a page at a time; the next page starts after the last id, also within one millisecond', async () => {
    const { clock, verify, list, at } = await clockedBff();
    const made: string[] = [];
    // Two in the same millisecond, then one a second later.
    made.push(await verify(), await verify());
    clock.now += 1000;
    made.push(await verify());
    // Ties are ordered by id: the order a page boundary inside the millisecond must keep.
    const expected = [...made.slice(0, 2).sort(), made[2]];
    const from = at(-3_600_000);

    const all = await list('/v1/verifications', { createdFrom: from });
    expect(all.status).toBe(200);
    expect(ids(all.body)).toEqual(expected);
    expect(all.body.hasMore).toBe(false);
    expect(all.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 3,
          card: '622202*********1008',
          outcome: expect.objectContaining({ status: 'verified' }),
        }),
      ]),
    );
    expect(JSON.stringify(all.body)).not.toContain('"merchant"');

    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await list('/v1/verifications', {
        createdFrom: from,
        limit: 1,
        ...(after ? { startingAfter: after } : {}),
      });
      pages.push(ids(page.body));
      if (!page.body.hasMore) break;
      after = ids(page.body).at(-1);
    }
    expect(pages).toEqual(expected.map((id) => [id]));

    // The window's edges are included; by default it is the day up to now.
    expect(ids((await list('/v1/verifications', { createdFrom: at(1000) })).body)).toEqual([made[2]]);
    expect(ids((await list('/v1/verifications', { createdTo: at(0) })).body)).toEqual(expected.slice(0, 2));
    expect(ids((await list('/v1/verifications')).body)).toEqual(expected);
    clock.now += 2 * DAY;
    expect(ids((await list('/v1/verifications')).body)).toEqual([]);
  });

  it('another merchant sees none of them, and cannot page from one of them', async () => {
    const { verify, list } = await clockedBff();
    const id = await verify();
    expect((await list('/v1/verifications', {}, OTHER_KEY)).body).toEqual({ data: [], hasMore: false });
    const foreign = await list('/v1/verifications', { startingAfter: id }, OTHER_KEY);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'VERIFICATION_NOT_FOUND' } });
  });

  it.each([
    ['an unknown parameter', { created_gte: '2026-11-20T00:00:00Z' }, ''],
    ['a date that is not ISO 8601', { createdFrom: 'yesterday' }, 'createdFrom'],
    ['a limit of 0', { limit: 0 }, 'limit'],
    ['a limit over 100', { limit: 101 }, 'limit'],
    ['a limit that is not a number', { limit: 'ten' }, 'limit'],
    ['a malformed cursor', { startingAfter: 'ver_<script>' }, 'startingAfter'],
    [
      'a window that ends before it starts',
      { createdFrom: '2026-11-20T09:00:00Z', createdTo: '2026-11-20T08:00:00Z' },
      'createdFrom',
    ],
  ])('%s is a 400 INVALID_REQUEST naming the parameter', async (_name, query, path) => {
    const { list } = await clockedBff();
    const res = await list('/v1/verifications', query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    const issues = (res.body.error as { details: { issues: { path: string }[] } }).details.issues;
    expect(issues.map((i) => i.path)).toContain(path);
    expect(JSON.stringify(res.body)).not.toContain('<script>');
  });

  it('needs the API key: a widget token or none is refused', async () => {
    const { client, token } = await clockedBff();
    expect((await client.get('/v1/verifications')).status).toBe(401);
    expect((await client.get('/v1/verifications', { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('the index keeps no entry past its records: the first write of a minute trims the expired', async () => {
    const { bff, client, clock, verify, list } = await clockedBff();
    const old = await verify();
    clock.now += 31 * DAY;
    const fresh = await verify(await client.session({ operations: ['verify3'] }));
    const store = bff.cardbind.store;
    expect(await store.range('verifications-by-time:shop', 0, clock.now, 10)).toEqual([fresh]);
    expect(ids((await list('/v1/verifications', { createdFrom: new Date(0).toISOString() })).body)).toEqual([fresh]);
    expect(old).not.toBe(fresh);
  });
});

describe('GET /v1/bind-cards: bind orders by creation time', () => {
  it('lists them masked, oldest first, with their current status', async () => {
    const { client, clock, list, at } = await clockedBff();
    const orders: string[] = [];
    for (const decision of ['approve', 'decline'] as const) {
      const token = await client.session({ operations: ['bind'] });
      const res = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(201);
      const { orderNo, redirectUrl } = (await res.json()) as { orderNo: string; redirectUrl: string };
      orders.push(orderNo);
      await throughBank(redirectUrl, decision);
      clock.now += 10;
    }
    const page = await list('/v1/bind-cards', { createdFrom: at(-DAY), limit: 1 });
    expect(page.body).toMatchObject({ data: [{ orderNo: orders[0] }], hasMore: true });
    const next = await list('/v1/bind-cards', { createdFrom: at(-DAY), startingAfter: orders[0] ?? '' });
    expect(next.body).toMatchObject({ data: [{ orderNo: orders[1] }], hasMore: false });
    const text = JSON.stringify([page.body, next.body]);
    for (const raw of [BIND_BODY.name, BIND_BODY.idNumber, BIND_BODY.phone]) expect(text).not.toContain(raw);
    expect((await list('/v1/bind-cards', {}, OTHER_KEY)).body).toEqual({ data: [], hasMore: false });
  });
});
