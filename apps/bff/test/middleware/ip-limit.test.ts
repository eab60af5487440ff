import { describe, expect, it } from 'vitest';
import { errorAnswer } from '../../src/schemas.js';
import { Client, frozenNodeBff, midMinute, parse, startBff } from '../support/bff.js';
import { API_KEY, BIND_BODY, baseConfig, startSandbox, VERIFY3 } from '../support/sandbox.js';

const sandbox = await startSandbox();
// The per-IP window is a calendar minute: the clock is frozen mid-minute, so none ends mid-test.
const frozen = midMinute();
const bff = await startBff(
  async (url) => ({
    ...(await baseConfig(sandbox, url)),
    clientIpHeader: 'x-forwarded-for',
    limits: { ipPerMinute: 8, sessionAttempts: 50, cardPerDay: 50 },
  }),
  { now: () => frozen },
);
const client = new Client(bff.url);

describe('per-IP limit', () => {
  it('counts browser requests per client IP per minute: 429 RATE_LIMITED past the limit, other IPs unaffected', async () => {
    const token = await client.session();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await client.get('/v1/bins/622202', { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.7' }))
          .status,
      );
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    const limited = await client.get('/v1/bins/622202', {
      authorization: `Bearer ${token}`,
      'x-forwarded-for': '198.51.100.7',
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(parse(errorAnswer, await limited.json()).error.code).toBe('RATE_LIMITED');
    const elsewhere = await client.get('/v1/bins/622202', {
      authorization: `Bearer ${token}`,
      'x-forwarded-for': '198.51.100.8',
    });
    expect(elsewhere.status).toBe(200);
    // Server-to-server session creation is not counted against the browser's IP.
    expect((await client.session()).split('.')).toHaveLength(3);
  });

  it('POST /v1/bind-cards counts once against the per-IP limit', async () => {
    const { client } = await frozenNodeBff(sandbox, { ipPerMinute: 4 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const token = await client.session();
      statuses.push((await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });

  it('POST /v1/verifications (its count sent beside the claim) counts every request, refused ones too, and past the limit says so first', async () => {
    const { client } = await frozenNodeBff(sandbox, { ipPerMinute: 3 });
    const token = await client.session();
    const headers = { authorization: `Bearer ${token}` };
    const answers: string[] = [];
    const codeOf = async (res: Response) =>
      `${res.status} ${((await res.json()) as { error?: { code: string } }).error?.code ?? ''}`;
    // A missing Idempotency-Key, an invalid body, a verification: each counted.
    answers.push(await codeOf(await client.post('/v1/verifications', VERIFY3, headers)));
    answers.push(await codeOf(await client.verify(token, { kind: 3 })));
    answers.push(await codeOf(await client.verify(token, VERIFY3)));
    // Past the limit: RATE_LIMITED, whatever else is wrong with the request.
    answers.push(await codeOf(await client.post('/v1/verifications', VERIFY3, headers)));
    answers.push(await codeOf(await client.verify(token, VERIFY3)));
    expect(answers).toEqual([
      '400 IDEMPOTENCY_KEY_REQUIRED',
      '400 INVALID_REQUEST',
      '200 ',
      '429 RATE_LIMITED',
      '429 RATE_LIMITED',
    ]);
  });

  it("a merchant's API-key calls are not under the browsers' per-IP limit, but under the merchant's own", async () => {
    const { client } = await frozenNodeBff(sandbox, { ipPerMinute: 1, merchantPerMinute: 6 });
    const token = await client.session(); // 1 merchant call
    const created = (await (
      await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` })
    ).json()) as { orderNo: string };
    // The browser's one request for the minute is spent…
    expect((await client.get('/v1/bins/622202', { authorization: `Bearer ${token}` })).status).toBe(429);
    // …while the merchant's server reads on: 5 more calls, then its own limit.
    const reads: number[] = [];
    for (let i = 0; i < 6; i++) {
      reads.push(
        (await client.get(`/v1/bind-cards/${created.orderNo}`, { authorization: `Bearer ${API_KEY}` })).status,
      );
    }
    expect(reads).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
