import { CARDHOLDERS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { refusalsOf } from '../src/http/route.js';
import { REFUSALS } from '../src/refusals.js';
import { ROUTES } from '../src/routes/index.js';
import { errorAnswer, sessionAnswer, verificationAnswer } from '../src/schemas.js';
import { baseConfig, Client, startBff, startSandbox } from './harness.js';

const sandbox = await startSandbox();
// The per-IP window is a calendar minute: the clock is frozen mid-minute, so none ends mid-test.
const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const bff = await startBff(
  async (url) => ({
    ...(await baseConfig(sandbox, url)),
    resultCacheSeconds: 300,
    clientIpHeader: 'x-forwarded-for',
    limits: { ipPerMinute: 8, sessionAttempts: 50, cardPerDay: 50 },
  }),
  { now: () => frozen },
);
const client = new Client(bff.url);
const holder = CARDHOLDERS[1] ?? { name: '', idNumber: '', phone: '', cards: [''] };
let n = 0;
const verify = (token: string, body: Record<string, unknown>, ip = '203.0.113.1') =>
  client.post('/v1/verifications', body, {
    authorization: `Bearer ${token}`,
    'idempotency-key': `cache-${Date.now()}-${n++}`,
    'x-forwarded-for': `${ip}, 10.0.0.1`,
  });
const body = { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0], consent: true };

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`answer does not match its documented schema: ${result.error.message}`);
  return result.data;
}

describe('result cache (on here; off by default)', () => {
  it('an identical verified request within the TTL is answered from the cache without a provider call', async () => {
    const token = await client.session();
    const calls = () => sandbox.faceid.stats.count('BankCardVerification') + sandbox.csec.stats.count('total');
    const first = parse(verificationAnswer, await (await verify(token, body, '203.0.113.10')).json());
    expect(first.outcome.status).toBe('verified');
    const before = calls();
    const second = parse(verificationAnswer, await (await verify(token, body, '203.0.113.10')).json());
    expect(second).toMatchObject({ id: first.id, cached: true, outcome: { status: 'verified' } });
    expect(calls()).toBe(before);
    // Another name is another request: not from the cache.
    const other = await verify(token, { ...body, name: '赵六一' }, '203.0.113.10');
    expect(((await other.json()) as { cached?: boolean }).cached).toBeUndefined();
    expect(calls()).toBe(before + 1);
  });
});

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
});

describe('OpenAPI 3.1', () => {
  it('is served at /openapi.json, documents every route of the app and every error code', async () => {
    const doc = (await (await client.get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: { ErrorCode: { enum: string[] } } };
    };
    expect(doc.openapi).toBe('3.1.0');
    const appRoutes = bff.cardbind.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(documented)).toEqual(new Set(appRoutes));
    expect(doc.components.schemas.ErrorCode.enum.sort()).toEqual(Object.keys(REFUSALS).sort());
    const verification = doc.paths['/v1/verifications']?.post;
    expect(JSON.stringify(verification?.requestBody)).toContain('"consent"');
    expect(Object.keys(verification?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '409', '422', '429']),
    );
    // Every code a route lists is a catalogue code.
    for (const route of ROUTES) for (const code of refusalsOf(route)) expect(REFUSALS).toHaveProperty(code);
    // A refused bind order is a 200 with the order, beside the 201.
    expect(Object.keys(doc.paths['/v1/bind-cards']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '409']),
    );
    // The metrics route is mounted only with metrics to serve: not here.
    expect(doc.paths['/metrics']).toBeUndefined();
  });

  it('real answers match the documented schemas', async () => {
    const res = await client.post(
      '/v1/sessions',
      { operations: ['verify3'], origin: 'http://shop.localhost:5173' },
      { authorization: 'Bearer sk_test_cardbind_0123456789abcdef' },
    );
    parse(sessionAnswer, await res.json());
    parse(errorAnswer, await (await client.post('/v1/sessions', '{', {})).json());
  });
});
