import { createHash } from 'node:crypto';
import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Client, frozenNodeBff, json, newKey, startBff } from '../support/bff.js';
import { API_KEY, baseConfig, ORIGIN, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

const sandbox = await startSandbox();
let clockOffset = 0;
const bff = await startBff((url) => baseConfig(sandbox, url), { now: () => Date.now() + clockOffset });
const client = new Client(bff.url);

describe('widget tokens', () => {
  it('rejects alg:none, tampered and expired tokens, and a token used from another origin', async () => {
    const none = new UnsecuredJWT({ sub: 'shop', ops: ['verify3'], origin: ORIGIN })
      .setAudience('cardbind-widget')
      .encode();
    expect((await (await client.verify(none, verification)).json()) as object).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Missing or invalid credentials.' },
    });
    const token = await client.session();
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await client.verify(tampered, verification)).status).toBe(401);
    expect((await client.verify(token, verification, newKey(), { origin: 'https://evil.example' })).status).toBe(403);
    clockOffset = 11 * 60_000;
    try {
      const expired = await client.verify(token, verification);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('TOKEN_EXPIRED');
    } finally {
      clockOffset = 0;
    }
  });
});

describe('API keys', () => {
  const session = { operations: ['verify3'], origin: ORIGIN };

  it('wrong keys are throttled per IP; the right key is still admitted from there (a neighbour cannot lock its holder out)', async () => {
    const { client } = await frozenNodeBff(sandbox, { failedAuthPerMinute: 3 });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await client.post('/v1/sessions', session, { authorization: `Bearer sk_test_guess_${i}_0123456789` });
      codes.push((await json(res)).error?.code);
    }
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'AUTH_RATE_LIMITED',
      'AUTH_RATE_LIMITED',
    ]);
    const right = await client.post('/v1/sessions', session, { authorization: `Bearer ${API_KEY}` });
    expect(right.status).toBe(201);
    // And the neighbour's next guess is still refused.
    const guess = await client.post('/v1/sessions', session, { authorization: 'Bearer sk_test_guess_6_0123456789' });
    expect([guess.status, (await json(guess)).error?.code]).toEqual([429, 'AUTH_RATE_LIMITED']);
  });

  it('the operator key likewise: admitted from an IP over its failure limit, wrong ones still refused', async () => {
    const OPERATOR_KEY = 'op_test_cardbind_0123456789abcdef0123456789';
    const { client } = await frozenNodeBff(
      sandbox,
      { failedAuthPerMinute: 2 },
      { operatorKeySha256: createHash('sha256').update(OPERATOR_KEY).digest('hex') },
    );
    const summary = (key: string) => client.get('/v1/operations/summary', { authorization: `Bearer ${key}` });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await summary(`op_wrong_${i}_0123456789`)).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    expect((await summary(OPERATOR_KEY)).status).toBe(200);
    expect((await summary('op_wrong_9_0123456789')).status).toBe(429);
  });

  it('a bearer that is neither a widget token nor a valid key counts against the per-IP limit, and as a failed key', async () => {
    const { client } = await frozenNodeBff(sandbox, { ipPerMinute: 5, failedAuthPerMinute: 100 });
    const statuses: number[] = [];
    // A browser route (the BIN lookup): junk was taken for an API key and never limited.
    for (let i = 0; i < 8; i++) {
      statuses.push((await client.get('/v1/bins/622202', { authorization: 'Bearer junk' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // A valid key is still exempt (server to server has its own limit per merchant).
    const withKey = await client.get('/v1/bind-cards?limit=1', { authorization: `Bearer ${API_KEY}` });
    expect(withKey.status).toBe(200);
  });

  it('a wrong key on a route behind the per-IP guard that also takes keys is one failure, not two', async () => {
    const { client } = await frozenNodeBff(sandbox, { ipPerMinute: 1_000, failedAuthPerMinute: 2 });
    const read = async () =>
      (await client.get('/v1/bind-cards/BC0000000000', { authorization: 'Bearer sk_test_wrong_0123456789' })).status;
    expect([await read(), await read(), await read()]).toEqual([401, 401, 429]);
  });

  it('junk bearers are counted as failed keys: past the limit, the IP gets AUTH_RATE_LIMITED on key routes', async () => {
    const { client } = await frozenNodeBff(sandbox, { ipPerMinute: 1_000, failedAuthPerMinute: 3 });
    for (let i = 0; i < 3; i++) await client.get('/v1/bins/622202', { authorization: 'Bearer junk' });
    const guess = await client.post('/v1/sessions', session, { authorization: 'Bearer sk_test_guess_0123456789' });
    expect([guess.status, (await json(guess)).error?.code]).toEqual([429, 'AUTH_RATE_LIMITED']);
  });
});
