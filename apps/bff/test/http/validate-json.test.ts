import { describe, expect, it } from 'vitest';
import { frozenNodeBff, json } from '../support/bff.js';
import { startSandbox, VERIFY3 } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('request bodies', () => {
  it('only UTF-8 JSON is read: a utf-16 or latin1 charset is 415', async () => {
    const { client } = await frozenNodeBff(sandbox);
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
