import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../crypto/encoding.js';
import { hmacSha256 } from '../crypto/hmac.js';
import { Fingerprinter } from './fingerprint.js';

describe('Fingerprinter', () => {
  const key = 'k'.repeat(32);

  it('is the HMAC-SHA-256 of kind and value under the key', async () => {
    const fp = await new Fingerprinter(key).fingerprint('card', '6212824565761234567');
    const expected = toBase64Url(await hmacSha256(key, 'card\u00006212824565761234567'));
    expect(fp).toBe(`card_${expected}`);
    expect(fp).not.toContain('6212824565761234567');
  });

  it('is stable, key-dependent and kind-separated', async () => {
    const a = new Fingerprinter(key);
    const b = new Fingerprinter('z'.repeat(32));
    expect(await a.fingerprint('id', '11010519491231002X')).toBe(await a.fingerprint('id', '11010519491231002X'));
    expect(await a.fingerprint('id', '11010519491231002X')).not.toBe(await b.fingerprint('id', '11010519491231002X'));
    expect((await a.fingerprint('card', '123')).slice(5)).not.toBe((await a.fingerprint('id', '123')).slice(3));
  });

  it('refuses a short key', () => {
    expect(() => new Fingerprinter('short')).toThrow(RangeError);
  });
});
