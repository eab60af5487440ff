import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { frozenNodeBff, sandboxedBff } from '../support/bff.js';
import { API_KEY, ORIGIN } from '../support/sandbox.js';

const { sandbox, bff, client } = await sandboxedBff();

describe('sessions and tokens', () => {
  it('issues an ES256 widget token verifiable with the published JWKS', async () => {
    const token = await client.session();
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', bff.url));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { audience: 'cardbind-widget', issuer: bff.url });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'k1' });
    expect(payload).toMatchObject({ sub: 'shop', origin: ORIGIN, ops: ['verify3', 'verify4', 'bind'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it('refuses a wrong API key and a foreign origin', async () => {
    const wrong = await client.post(
      '/v1/sessions',
      { operations: ['verify3'], origin: ORIGIN },
      { authorization: 'Bearer sk_nope' },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Missing or invalid credentials.' },
    });
    const token = await client.session({ origin: 'https://evil.example' }).catch(() => undefined);
    expect(token).toBeUndefined();
  });

  it('an origin the merchant does not allow: the refusal names it and where to allow it', async () => {
    const res = await client.post(
      '/v1/sessions',
      { operations: ['verify3'], origin: 'https://shop.example/checkout' },
      { authorization: `Bearer ${API_KEY}` },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: 'ORIGIN_NOT_ALLOWED',
        message: 'This origin may not use the token.',
        details: {
          field: 'origin',
          origin: 'https://shop.example',
          fix: "add https://shop.example to this merchant's allowedOrigins, or make the session for a page at one of them.",
        },
      },
    });
  });

  it('an API key on a widget route: refused, saying which credential the route takes (the key is not echoed)', async () => {
    const res = await client.get('/v1/bins/622202', { authorization: `Bearer ${API_KEY}`, origin: ORIGIN });
    expect(res.status).toBe(401);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({
      error: { code: 'UNAUTHENTICATED', details: { fix: expect.stringContaining('this route takes a widget token') } },
    });
    expect(body).not.toContain(API_KEY);
  });

  it('session URLs are http(s) without credentials', async () => {
    const { client } = await frozenNodeBff(sandbox);
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
