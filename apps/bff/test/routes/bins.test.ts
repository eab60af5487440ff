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
});
