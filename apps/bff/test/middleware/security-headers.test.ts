import { describe, expect, it } from 'vitest';
import { frozenNodeBff } from '../support/bff.js';
import { startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('security headers', () => {
  it('JSON answers and the ticket page say nosniff', async () => {
    const { client } = await frozenNodeBff(sandbox);
    for (const res of [
      await client.get('/.well-known/jwks.json'),
      await client.get('/v1/nothing-here'),
      await client.post('/v1/sessions', {}),
      await client.get('/r/no-such-ticket'),
    ]) {
      expect([res.url, res.headers.get('x-content-type-options')]).toEqual([res.url, 'nosniff']);
    }
  });
});
