import { request } from 'node:http';
import { importRsaPublicKey } from '@cardbind/core/crypto';
import { createAggSigner, sealEnvelope } from '@cardbind/core/providers/aggregate-pay/internal';
import { AGG_CUSTOMERS, SANDBOX_MERCHANT_RSA_PUBLIC_KEY } from '@cardbind/sandbox';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { type ConfigInput, WEBHOOK_JWS_TYPE } from '../src/app.js';
import {
  API_KEY,
  BIND_BODY,
  baseConfig,
  Client,
  chunkedUpload,
  eventually,
  ORIGIN,
  openBankPage,
  startNodeBff,
  startSandbox,
  startWebhookReceiver,
  VERIFY3,
} from './harness.js';

/**
 * What a stranger can send, over real HTTP against the Node entry's server
 * (serveNode: @hono/node-server, the embedded store, the socket's address).
 * Each group has its own BFF, so the limits one group spends do not leak
 * into another; the clock is frozen mid-minute, so no window ends mid-test.
 */
const sandbox = await startSandbox();
const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const now = () => frozen;

async function bff(limits: ConfigInput['limits'] = {}, extra: Partial<ConfigInput> = {}) {
  const started = await startNodeBff(
    async (url) => {
      const config = await baseConfig(sandbox, url);
      return { ...config, ...extra, limits: { ...config.limits, ...limits } };
    },
    { now },
  );
  return { ...started, client: new Client(started.url) };
}

const json = async (res: Response) => (await res.json()) as { error?: { code: string }; [k: string]: unknown };

/** Starts a body and hangs up in the middle of it. */
function hangUpMidBody(url: string, path: string, headers: Record<string, string>) {
  return new Promise<void>((resolve) => {
    const req = request(new URL(path, url), { method: 'POST', headers: { origin: ORIGIN, ...headers } });
    req.on('error', () => resolve());
    req.write('{"kind":3,"name":"');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 50);
  });
}

const logLines = (logs: string[]) => logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('bodies', () => {
  it('a chunked body is cut off at the cap as it arrives, on every POST route, and answered 413', async () => {
    const { url, client } = await bff();
    const token = await client.session();
    const routes: [string, Record<string, string>][] = [
      ['/v1/sessions', { authorization: `Bearer ${API_KEY}` }],
      ['/v1/verifications', { authorization: `Bearer ${token}`, 'idempotency-key': 'chunked-0001' }],
      ['/v1/bind-cards', { authorization: `Bearer ${token}` }],
      ['/v1/notify/aggregate-pay', {}],
      ['/r/some-ticket', {}],
    ];
    for (const [path, headers] of routes) {
      const answer = await chunkedUpload(url, path, 4 * 1024 * 1024, headers);
      expect([path, answer.status]).toEqual([path, 413]);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      // Refused long before the 4 MiB were all sent.
      expect(answer.sent).toBeLessThan(4 * 1024 * 1024);
    }
  });

  it('a chunked body under the cap is buffered and read as usual', async () => {
    const { url, client } = await bff();
    const token = await client.session();
    const bytes = new TextEncoder().encode(JSON.stringify(VERIFY3));
    const res = await fetch(new URL('/v1/verifications', url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        authorization: `Bearer ${token}`,
        'idempotency-key': 'chunked-small-0001',
      },
      // A stream: sent chunked, without a content-length.
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 10));
          controller.enqueue(bytes.subarray(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect((await json(res)).outcome).toMatchObject({ status: 'verified' });
  });

  it('a notification over 8 KiB is refused even when its length is declared', async () => {
    const { client } = await bff();
    const res = await client.post('/v1/notify/aggregate-pay', 'x'.repeat(9 * 1024));
    expect(res.status).toBe(413);
  });

  it('a client that hangs up mid-body is a 400 BODY_INCOMPLETE, never a 500 or an unhandled error', async () => {
    const { url, client, logs } = await bff();
    const token = await client.session();
    const before = logs.length;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await hangUpMidBody(url, '/v1/verifications', {
      ...auth,
      'idempotency-key': 'hangup-00001',
      'content-length': '900',
    });
    await hangUpMidBody(url, '/v1/verifications', { ...auth, 'idempotency-key': 'hangup-00002' });
    await hangUpMidBody(url, '/v1/bind-cards', auth);
    const lines = await eventually(() => {
      const found = logLines(logs.slice(before)).filter((l) => l.event === 'request');
      return found.length >= 3 ? found : undefined;
    });
    expect(lines.map((l) => [l.route, l.status, l.level])).toEqual([
      ['/v1/verifications', 400, 'info'],
      ['/v1/verifications', 400, 'info'],
      ['/v1/bind-cards', 400, 'info'],
    ]);
    expect(logLines(logs.slice(before)).filter((l) => l.event === 'unhandled' || l.level === 'error')).toEqual([]);
  });

  it('only UTF-8 JSON is read: a utf-16 or latin1 charset is 415', async () => {
    const { client } = await bff();
    const token = await client.session();
    for (const charset of ['utf-16', 'latin1', 'iso-8859-1']) {
      const res = await client.post('/v1/verifications', VERIFY3, {
        authorization: `Bearer ${token}`,
        'idempotency-key': `charset-${charset}`,
        'content-type': `application/json; charset=${charset}`,
      });
      expect([charset, res.status, (await json(res)).error?.code]).toEqual([charset, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
    const utf8 = await client.post('/v1/verifications', VERIFY3, {
      authorization: `Bearer ${token}`,
      'idempotency-key': 'charset-utf8',
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(utf8.status).toBe(200);
  });
});

describe('notifications', () => {
  const plain = { customerNo: AGG_CUSTOMERS.md5.customerNo, orderNo: 'BCnosuchorder00000', status: 'SUCCESS' };

  /** Well formed, encrypted with the merchant's published sandbox key, signed with a wrong key. */
  async function forged(extra: Record<string, string> = {}) {
    const pub = await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
    const body = { ...plain, ...extra };
    const sign = await createAggSigner({ type: 'MD5', md5Key: 'not-the-key' }).sign(body);
    return sealEnvelope({ ...body, sign }, plain.customerNo, pub);
  }

  it('are refused before decryption when addressed to another merchant or longer than a real one', async () => {
    const { client } = await bff();
    const foreign = { ...(await forged()), customerNo: 'someone-else' };
    expect((await json(await client.post('/v1/notify/aggregate-pay', foreign))).error?.code).toBe('NOTIFY_REJECTED');
    // 2,000 bytes of message: more blocks than any real notification has.
    const long = await forged({ errMessage: 'x'.repeat(2_000) });
    const res = await client.post('/v1/notify/aggregate-pay', long);
    expect([res.status, (await json(res)).error?.code]).toEqual([400, 'NOTIFY_REJECTED']);
  });

  it('are limited per client IP', async () => {
    const { client } = await bff({ notifyIpPerMinute: 5 });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await json(await client.post('/v1/notify/aggregate-pay', await forged()))).error?.code);
    expect(codes).toEqual([...Array(5).fill('NOTIFY_REJECTED'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it("past this instance's decryption budget a flood gets 503 NOTIFY_BUSY with Retry-After, which providers retry", async () => {
    const { client } = await bff({ notificationsPerSecond: 3 });
    const body = await forged();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await client.post('/v1/notify/aggregate-pay', body);
        return { status: res.status, code: (await json(res)).error?.code, retryAfter: res.headers.get('retry-after') };
      }),
    );
    // The clock is frozen: exactly the burst of 3 reaches decryption.
    expect(answers.filter((a) => a.code === 'NOTIFY_REJECTED')).toHaveLength(3);
    const busy = answers.filter((a) => a.code === 'NOTIFY_BUSY');
    expect(busy).toHaveLength(9);
    expect(busy.every((a) => a.status === 503 && a.retryAfter === '1')).toBe(true);
  });

  it('a made-up provider is a 404 that spends no budget', async () => {
    const { client } = await bff({ notificationsPerSecond: 1 });
    for (let i = 0; i < 5; i++) expect((await client.post('/v1/notify/nobody', '{}')).status).toBe(404);
    expect((await json(await client.post('/v1/notify/aggregate-pay', await forged()))).error?.code).toBe(
      'NOTIFY_REJECTED',
    );
  });
});

describe('the bank redirect ticket', () => {
  async function order(client: Client) {
    const token = await client.session();
    const res = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    return (await res.json()) as { orderNo: string; redirectUrl: string };
  }

  it('survives HEAD and GET (link previews, scanners, prefetch); the POST spends it once', async () => {
    const { client } = await bff();
    const { redirectUrl } = await order(client);
    for (let i = 0; i < 3; i++) {
      expect((await fetch(redirectUrl, { method: 'HEAD' })).status).toBe(200);
      const preview = await fetch(redirectUrl);
      expect(preview.status).toBe(200);
      const html = await preview.text();
      // The preview sees no bank form and no provider fields.
      expect(html).not.toContain('type="hidden"');
      expect(html).toContain('method="post"');
      expect(preview.headers.get('content-security-policy')).toContain("form-action 'self'");
    }
    const { action, ref } = await openBankPage(redirectUrl);
    expect(action).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(ref).not.toBe('');
    // Spent: anyone else gets 410.
    expect((await fetch(redirectUrl, { method: 'POST' })).status).toBe(410);
    expect((await fetch(redirectUrl)).status).toBe(410);
  });

  it("the browser that spent it is shown the way back on reload, never the bank's form a second time", async () => {
    const { client } = await bff();
    const { orderNo, redirectUrl } = await order(client);
    const { cookie } = await openBankPage(redirectUrl);
    expect(cookie).toMatch(/^cardbind_ticket=/);
    for (const method of ['POST', 'GET']) {
      const reload = await fetch(redirectUrl, { method, headers: { cookie } });
      expect(reload.status).toBe(200);
      const html = await reload.text();
      expect(html).not.toContain('<form');
      expect(html).toContain(`/v1/return/${orderNo}`);
      expect(reload.headers.get('content-security-policy')).toContain("form-action 'none'");
    }
    // Another browser's cookie is not this one.
    const other = await fetch(redirectUrl, { method: 'POST', headers: { cookie: 'cardbind_ticket=forged' } });
    expect(other.status).toBe(410);
  });
});

describe('limits', () => {
  it('POST /v1/bind-cards counts once against the per-IP limit', async () => {
    const { client } = await bff({ ipPerMinute: 4 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const token = await client.session();
      statuses.push((await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });

  it("a merchant's API-key calls are not under the browsers' per-IP limit, but under the merchant's own", async () => {
    const { client } = await bff({ ipPerMinute: 1, merchantPerMinute: 6 });
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

  it('wrong API keys are throttled per IP; then even the right key from there waits out the minute', async () => {
    const { client } = await bff({ failedAuthPerMinute: 3 });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await client.post(
        '/v1/sessions',
        { operations: ['verify3'], origin: ORIGIN },
        {
          authorization: `Bearer sk_test_guess_${i}_0123456789`,
        },
      );
      codes.push((await json(res)).error?.code);
    }
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'AUTH_RATE_LIMITED',
      'AUTH_RATE_LIMITED',
    ]);
    const right = await client.post(
      '/v1/sessions',
      { operations: ['verify3'], origin: ORIGIN },
      {
        authorization: `Bearer ${API_KEY}`,
      },
    );
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('scopes and signatures', () => {
  it("a widget token reads bind orders only with the bind scope, and only its own user's", async () => {
    const { client } = await bff();
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

  it('a webhook is a JWS of its own typ (a widget token is not), and its log lines keep their names', async () => {
    const receiver = await startWebhookReceiver();
    const { client, logs, cardbind } = await bff(
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
    const line = await eventually(() => logLines(logs).find((l) => l.event === 'webhook.delivered'));
    expect(line).toMatchObject({ eventId: event.id, type: 'verification.completed', attempt: 1, answer: 204 });
  });
});

describe('headers, CORS, frames, URLs', () => {
  it('JSON answers and the ticket page say nosniff', async () => {
    const { client } = await bff();
    for (const res of [
      await client.get('/.well-known/jwks.json'),
      await client.get('/v1/nothing-here'),
      await client.post('/v1/sessions', {}),
      await client.get('/r/no-such-ticket'),
    ]) {
      expect([res.url, res.headers.get('x-content-type-options')]).toEqual([res.url, 'nosniff']);
    }
  });

  it("a widget route's answers carry CORS and nosniff, refusals included (so the page can read the error)", async () => {
    const { url } = await bff();
    const post = (headers: Record<string, string>) =>
      fetch(new URL('/v1/verifications', url), {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    for (const res of [await post({}), await post({ 'idempotency-key': 'cors-check-0001' })]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('vary')).toBe('Origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('a refused CORS preflight answers the error shape', async () => {
    const { url } = await bff();
    const res = await fetch(new URL('/v1/verifications', url), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('/widget/frame may be framed only by the one allowed origin the loader names, else by nobody', async () => {
    const { client } = await bff(
      {},
      {
        merchants: [
          (await baseConfig(sandbox, 'http://127.0.0.1')).merchants[0] as ConfigInput['merchants'][number],
          { id: 'other', apiKeySha256: 'a'.repeat(64), allowedOrigins: ['https://other-shop.example'] },
        ],
      },
    );
    const ancestors = async (query: string) =>
      /frame-ancestors ([^;]+)/.exec(
        (await client.get(`/widget/frame${query}`)).headers.get('content-security-policy') ?? '',
      )?.[1];
    expect(await ancestors(`?origin=${encodeURIComponent(ORIGIN)}`)).toBe(ORIGIN);
    expect(await ancestors('?origin=https%3A%2F%2Fother-shop.example')).toBe('https://other-shop.example');
    expect(await ancestors('?origin=https%3A%2F%2Fevil.example')).toBe("'none'");
    expect(await ancestors('')).toBe("'none'");
  });

  it('session URLs are http(s) without credentials', async () => {
    const { client } = await bff();
    const bad = [
      { returnUrl: 'blob:http://shop.localhost:5173/x' },
      { returnUrl: 'http://user:pass@shop.localhost:5173/done' },
      { returnUrl: 'javascript:alert(1)' },
      { origin: 'http://user@shop.localhost:5173' },
    ];
    for (const body of bad) {
      const res = await client.post(
        '/v1/sessions',
        { operations: ['bind'], origin: ORIGIN, user: { userType: 'USER_ID', identifyId: 'u' }, ...body },
        { authorization: `Bearer ${API_KEY}` },
      );
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
  });
});
