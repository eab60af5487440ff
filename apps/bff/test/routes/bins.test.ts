import { describe, expect, it } from 'vitest';
import { sandboxedBff } from '../support/bff.js';
import { ORIGIN } from '../support/sandbox.js';

const { bff, client } = await sandboxedBff();

describe('BIN lookup and CORS', () => {
  it('answers bank and card type for a prefix, to the token origin only', async () => {
    const token = await client.session();
    const res = await client.get('/v1/bins/622202', { authorization: `Bearer ${token}` });
    expect(await res.json()).toMatchObject({ bankCode: 'ICBC', cardType: 'DEBIT' });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const preflight = await fetch(new URL('/v1/verifications', bff.url), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(preflight.status).toBe(403);
    expect((await client.get('/v1/bins/62', { authorization: `Bearer ${token}` })).status).toBe(400);
  });

  it('cacheable answers vary on Origin whatever the request carried (a cached copy made for the frame is never the page’s)', async () => {
    const token = await client.session();
    for (const path of ['/v1/bins/622202', '/v1/banks']) {
      // The frame's lookup is same-origin: no Origin header, so no allow-origin in its answer.
      const frame = await fetch(new URL(path, bff.url), {
        headers: { authorization: `Bearer ${token}`, 'sec-fetch-site': 'same-origin' },
      });
      expect(frame.status).toBe(200);
      expect(frame.headers.get('cache-control')).toMatch(/max-age/);
      expect(frame.headers.get('access-control-allow-origin')).toBeNull();
      expect(frame.headers.get('vary')).toBe('Origin');
      const page = await client.get(path, { authorization: `Bearer ${token}` });
      expect(page.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(page.headers.get('vary')).toBe('Origin');
    }
  });
});
