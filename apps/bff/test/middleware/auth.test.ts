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
  it('wrong API keys are throttled per IP; then even the right key from there waits out the minute', async () => {
    const { client } = await frozenNodeBff(sandbox, { failedAuthPerMinute: 3 });
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
