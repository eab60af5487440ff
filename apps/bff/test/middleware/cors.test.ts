import { describe, expect, it } from 'vitest';
import { frozenNodeBff } from '../support/bff.js';
import { ORIGIN, startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('CORS on the widget routes', () => {
  it("a widget route's answers carry CORS and nosniff, refusals included (so the page can read the error)", async () => {
    const { url } = await frozenNodeBff(sandbox);
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
    const { url } = await frozenNodeBff(sandbox);
    const res = await fetch(new URL('/v1/verifications', url), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
