import { describe, expect, it } from 'vitest';
import tencentVectors from '../../../../../vectors/tencent-signing.json' with { type: 'json' };
import { v2Signature, v2StringToSign } from './sign.js';

// Tencent's published API 2.0 examples, checked into vectors/ at the repository's root.
const { secretKey, vectors } = tencentVectors.apiV2;
const [first, second] = vectors;
if (!first || !second) throw new Error('vectors/tencent-signing.json: API 2.0 vectors missing');

describe('API 2.0 signing (published vectors)', () => {
  it('builds the string to sign: byte-order sort, `_` → `.` in names, raw values', () => {
    // The names as a caller passes them (`_` for `.`), in no order, with a Signature to leave out.
    const params = Object.fromEntries(
      Object.entries(first.params)
        .reverse()
        .map(([name, value]) => [name.replace('.', '_'), value]),
    );
    expect(v2StringToSign('get', 'cvm.api.qcloud.com', '/v2/index.php', { ...params, Signature: 'left out' })).toBe(
      first.stringToSign,
    );
  });

  it.each(vectors)('$name', async ({ stringToSign, method, signature }) => {
    expect(await v2Signature(secretKey, stringToSign, method as 'HmacSHA1' | 'HmacSHA256')).toBe(signature);
  });

  it('defaults to HmacSHA256', async () => {
    expect(await v2Signature(secretKey, second.stringToSign)).toBe(second.signature);
  });
});
