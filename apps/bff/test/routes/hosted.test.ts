import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { Client, eventually, midMinute, startNodeBff } from '../support/bff.js';
import { startWebhookReceiver } from '../support/browser.js';
import { API_KEY, baseConfig, ORIGIN, sendingWebhooksTo, startSandbox, VERIFY3 } from '../support/sandbox.js';

const sandbox = await startSandbox();
const OTHER_KEY = 'sk_test_other_shop_0123456789abcdef';
const OTHER_ORIGIN = 'http://other.localhost:5173';
let clock = midMinute();
const { url } = await startNodeBff(
  async (publicUrl) => {
    const config = await baseConfig(sandbox, publicUrl);
    const other = {
      id: 'other',
      apiKeySha256: createHash('sha256').update(OTHER_KEY).digest('hex'),
      allowedOrigins: [OTHER_ORIGIN],
    };
    return { ...config, merchants: [...config.merchants, other] };
  },
  { now: () => clock },
);
const client = new Client(url);
const BFF_ORIGIN = new URL(url).origin;
const asShop = { authorization: `Bearer ${API_KEY}` };

const create = (body: Record<string, unknown> = {}, headers: Record<string, string> = asShop) =>
  client.post('/v1/hosted-sessions', { operations: ['verify3'], returnUrl: `${ORIGIN}/back`, ...body }, headers);

async function link(body: Record<string, unknown> = {}) {
  const res = await create(body);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string; expiresAt: number };
}

/** A browser: the cookie its first claim was given, sent back as a browser would (same path). */
function browser() {
  let cookie: string | undefined;
  const headers = (): Record<string, string> => (cookie ? { cookie } : {});
  return {
    open: (page: string) => fetch(page, { headers: headers() }),
    async claim(page: string) {
      const res = await fetch(`${page}/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BFF_ORIGIN, ...headers() },
        body: '{}',
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return { res, set, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

describe('hosted pages: a single-use link the merchant hands to an app, a mini program or a browser', () => {
  it('is created for an allowed returnUrl; opening it spends nothing; the first browser to claim it keeps it', async () => {
    const hosted = await link({ locale: 'en', merchantName: 'Demo Shop' });
    expect(hosted.id).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(hosted.url).toBe(`${url}/hosted/${hosted.id}`);
    expect(hosted.expiresAt).toBe(Math.floor(clock / 1000) + 1800);

    // A preview, a prefetch, a scanner: GET and HEAD, as often as they like.
    for (const method of ['GET', 'HEAD', 'GET']) expect((await fetch(hosted.url, { method })).status).toBe(200);
    const page = await fetch(hosted.url);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{22}';/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const pageHtml = await page.text();
    expect(pageHtml).toContain('<html lang="en">');
    // What the page needs before it claims anything is in the page (none of it a secret).
    expect(pageHtml).toContain(`data-return-url="${ORIGIN}/back" data-bind="false" data-hand-back="false"`);

    const first = browser();
    const claimed = await first.claim(hosted.url);
    expect(claimed.res.status).toBe(200);
    expect(claimed.set).toMatch(
      new RegExp(`^cardbind_hosted=[^;]+; Max-Age=\\d+; Path=/hosted/${hosted.id}; HttpOnly; SameSite=Lax$`),
    );
    expect(claimed.body).toMatchObject({
      mode: 'verify',
      elements: 3,
      locale: 'en',
      merchantName: 'Demo Shop',
    });

    // Its token is for the page's own origin (the BFF's), and comes back here from the bank.
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', url));
    const { payload } = await jwtVerify(String(claimed.body.token), jwks, { audience: 'cardbind-widget' });
    expect(payload).toMatchObject({
      sub: 'shop',
      ops: ['verify3'],
      origin: BFF_ORIGIN,
      returnUrl: hosted.url,
      hosted: hosted.id,
    });
    const verified = await client.verify(String(claimed.body.token), VERIFY3, undefined, { origin: BFF_ORIGIN });
    expect(verified.status).toBe(200);

    // The same browser: a reload, the back button, the bank's way back.
    expect((await first.open(hosted.url)).status).toBe(200);
    const again = await first.claim(hosted.url);
    expect(again.res.status).toBe(200);
    expect(again.set).toBeNull();
    // Any other browser: the used-link page, 410, with the way back; its claim is refused.
    const other = browser();
    const gone = await other.open(hosted.url);
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain('This link was already opened in another browser');
    expect(html).toContain(`href="${ORIGIN}/back?cardbind_cancel=used"`);
    expect(gone.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect((await other.claim(hosted.url)).body).toEqual({
      error: { code: 'HOSTED_LINK_GONE', message: expect.any(String), details: { reason: 'used' } },
    });
  });

  it('many browsers opening it at once: one keeps it, every other is refused', async () => {
    const hosted = await link();
    const claims = await Promise.all(Array.from({ length: 20 }, () => browser().claim(hosted.url)));
    expect(claims.map((c) => c.res.status).sort()).toEqual([200, ...Array(19).fill(410)]);
  });

  it('an expired link: 410 and the expired page in its language, for everyone, the browser that had it too', async () => {
    const hosted = await link({ expiresInSeconds: 60 });
    const first = browser();
    expect((await first.claim(hosted.url)).res.status).toBe(200);
    clock += 60_000;
    const gone = await first.open(hosted.url);
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain('此链接已过期');
    expect(html).toContain(`href="${ORIGIN}/back?cardbind_cancel=expired"`);
    expect((await first.claim(hosted.url)).body).toMatchObject({ error: { details: { reason: 'expired' } } });
    expect((await browser().claim(hosted.url)).res.status).toBe(410);
  });

  it('a link that never was, or is malformed: 410 in the language the browser asks for, no way back to give', async () => {
    const unknown = await fetch(`${url}/hosted/hs_${'A'.repeat(43)}`, { headers: { 'accept-language': 'en-US,en' } });
    expect(unknown.status).toBe(410);
    const html = await unknown.text();
    expect(html).toContain('This link is not valid.');
    expect(html).not.toContain('<a ');
    for (const id of ['hs_short', `hs_${'A'.repeat(42)}*`, '..%2F..%2Fv1%2Fsessions', `ver_${'0'.repeat(32)}`]) {
      expect((await fetch(`${url}/hosted/${id}`)).status, id).toBe(410);
      expect((await browser().claim(`${url}/hosted/${id}`)).res.status, id).toBe(410);
    }
  });

  it('ids and tokens replayed across merchants are refused', async () => {
    const hosted = await link();
    const claimed = await browser().claim(hosted.url);
    const token = String(claimed.body.token);
    // The token works only on the hosted page's origin: not from a merchant's page, this shop's or another's.
    for (const origin of [ORIGIN, OTHER_ORIGIN]) {
      const res = await client.verify(token, VERIFY3, undefined, { origin });
      expect((await res.json()).error.code, origin).toBe('ORIGIN_NOT_ALLOWED');
    }
    // A verification made through it is the shop's: another merchant's key does not find it.
    const made = await client.verify(token, VERIFY3, undefined, { origin: BFF_ORIGIN });
    const { id } = (await made.json()) as { id: string };
    expect((await client.get(`/v1/verifications/${id}`, asShop)).status).toBe(200);
    const foreign = await client.get(`/v1/verifications/${id}`, { authorization: `Bearer ${OTHER_KEY}` });
    expect(foreign.status).toBe(404);
  });

  it('refuses what it must not make: a table of hostile requests', async () => {
    const cases: [string, Record<string, unknown>, Record<string, string> | undefined, number, string][] = [
      [
        'returnUrl on an origin the merchant does not allow',
        { returnUrl: 'https://evil.example/back' },
        undefined,
        403,
        'ORIGIN_NOT_ALLOWED',
      ],
      [
        "returnUrl on another merchant's origin",
        { returnUrl: `${OTHER_ORIGIN}/back` },
        undefined,
        403,
        'ORIGIN_NOT_ALLOWED',
      ],
      ['returnUrl javascript:', { returnUrl: 'javascript:alert(1)' }, undefined, 400, 'INVALID_REQUEST'],
      ['returnUrl data:', { returnUrl: 'data:text/html,<script>alert(1)</script>' }, undefined, 400, 'INVALID_REQUEST'],
      [
        "returnUrl an app's scheme (no allowance for one yet)",
        { returnUrl: 'shopapp://cardbind/done' },
        undefined,
        400,
        'INVALID_REQUEST',
      ],
      [
        'returnUrl with credentials',
        { returnUrl: `http://user:pass@${new URL(ORIGIN).host}/back` },
        undefined,
        400,
        'INVALID_REQUEST',
      ],
      ['no returnUrl', { returnUrl: undefined }, undefined, 400, 'INVALID_REQUEST'],
      ['expiry of 0 s', { expiresInSeconds: 0 }, undefined, 400, 'INVALID_REQUEST'],
      ['expiry over a day', { expiresInSeconds: 86_401 }, undefined, 400, 'INVALID_REQUEST'],
      ['expiry as a string', { expiresInSeconds: '600' }, undefined, 400, 'INVALID_REQUEST'],
      ['no operations', { operations: [] }, undefined, 400, 'INVALID_REQUEST'],
      ['two verifications at once', { operations: ['verify2', 'verify3'] }, undefined, 400, 'INVALID_REQUEST'],
      ['bind with no user to bind to', { operations: ['bind'] }, undefined, 400, 'INVALID_REQUEST'],
      ['a locale the form is not written in', { locale: 'fr' }, undefined, 400, 'INVALID_REQUEST'],
      ['an unknown key', { origin: ORIGIN }, undefined, 400, 'INVALID_REQUEST'],
      ['no API key', {}, {}, 401, 'UNAUTHENTICATED'],
      ['a widget token for a key', {}, { authorization: `Bearer ${await client.session()}` }, 401, 'UNAUTHENTICATED'],
    ];
    for (const [what, body, headers, status, code] of cases) {
      const res = await create(body, headers ?? asShop);
      expect({
        what,
        status: res.status,
        code: ((await res.json()) as { error?: { code: string } }).error?.code,
      }).toEqual({
        what,
        status,
        code,
      });
    }
  });
});

describe('a hosted session that ends without a result', () => {
  it('sends hosted_session.expired when the link expires with nothing through it; a link a verification came through sends nothing', async () => {
    const receiver = await startWebhookReceiver();
    let now = midMinute();
    const started = await startNodeBff(
      async (publicUrl) => {
        const config = sendingWebhooksTo(await baseConfig(sandbox, publicUrl), receiver.url);
        return { ...config, webhooks: { pollMs: 20 } };
      },
      { now: () => now },
    );
    const shop = new Client(started.url);
    const make = async () => {
      const res = await shop.post(
        '/v1/hosted-sessions',
        { operations: ['verify3'], returnUrl: `${ORIGIN}/back`, expiresInSeconds: 60 },
        asShop,
      );
      return (await res.json()) as { id: string; url: string; expiresAt: number };
    };
    const [idle, opened, done] = await Promise.all([make(), make(), make()]);
    await browser().claim(opened.url);
    const claimed = await browser().claim(done.url);
    const verified = await shop.verify(String(claimed.body.token), VERIFY3, undefined, {
      origin: new URL(started.url).origin,
    });
    expect(verified.status).toBe(200);
    // Nothing is due before the links expire.
    const expiredEvents = () => receiver.received.filter((r) => r.type === 'hosted_session.expired');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(expiredEvents()).toEqual([]);

    now += 60_000;
    const event = (id: string) => shop.get(`/v1/webhook-events/evt_${id}_expired`, asShop);
    // The one a result came through is dropped when due; the others are sent.
    await eventually(async () => (await event(done.id)).status === 404);
    await eventually(() => expiredEvents().length === 2);
    const payloads = expiredEvents().map(
      (r) => JSON.parse(Buffer.from(r.jws.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>,
    );
    expect(payloads.map((p) => (p.data as { id: string }).id).sort()).toEqual([idle.id, opened.id].sort());
    expect(payloads[0]).toMatchObject({ type: 'hosted_session.expired', merchant: 'shop' });
    // Both links were made at the same moment, for a minute.
    expect(payloads.map((p) => (p.data as { expiresAt: number }).expiresAt)).toEqual([idle.expiresAt, idle.expiresAt]);
  });
});
