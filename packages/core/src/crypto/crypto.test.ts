import { describe, expect, it } from 'vitest';
import { sha256 } from './digest.js';
import { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toBytes, toHex, utf8Decode } from './encoding.js';
import { hmacSha1, hmacSha256, importHmacKey } from './hmac.js';
import { randomBytes, randomInt } from './random.js';
import { HmacSha256Key, hmacSha256Sync, sha256Sync } from './sync-hash.js';
import { timingSafeEqual } from './timing-safe-equal.js';

describe('digests and MACs (published vectors)', () => {
  it('SHA-256 of "abc" (FIPS 180-2)', async () => {
    expect(toHex(await sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('HMAC-SHA-256 RFC 4231 test case 2', async () => {
    const mac = await hmacSha256('Jefe', 'what do ya want for nothing?');
    expect(toHex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('HMAC-SHA-1 RFC 2202 test case 2', async () => {
    const mac = await hmacSha1('Jefe', 'what do ya want for nothing?');
    expect(toHex(mac)).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });

  it('accepts an imported key', async () => {
    const key = await importHmacKey('SHA-256', 'Jefe');
    expect(toHex(await hmacSha256(key, 'what do ya want for nothing?'))).toMatch(/^5bdcc146/);
  });
});

describe('encodings', () => {
  it('round-trips hex, base64 and base64url', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 250, 251, 255]);
    expect(toHex(bytes)).toBe('00017f80fafbff');
    expect(fromHex('00017F80fafbff')).toEqual(bytes);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(toBase64Url(bytes)).not.toMatch(/[+/=]/);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });

  it('encodes large inputs', () => {
    const big = randomBytes(200_000);
    const back = fromBase64(toBase64(big));
    // Compared byte by byte here: a deep-equality diff of 200,000 elements takes seconds on a busy machine.
    expect(back.length).toBe(big.length);
    expect(back.findIndex((byte, i) => byte !== big[i])).toBe(-1);
  });

  it('throws typed errors on bad input', () => {
    expect(() => fromHex('abc')).toThrow(TypeError);
    expect(() => fromHex('zz')).toThrow(TypeError);
    expect(() => fromBase64('***')).toThrow(TypeError);
    expect(() => utf8Decode(new Uint8Array([0xff, 0xfe]))).toThrow(TypeError);
  });

  it('UTF-8 round-trips Chinese text', () => {
    expect(utf8Decode(toBytes('张三·阿旺'))).toBe('张三·阿旺');
  });
});

describe('timingSafeEqual', () => {
  it('compares bytes and strings', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
  });
});

describe('randomness', () => {
  it('fills more than one getRandomValues call', () => {
    const bytes = randomBytes(70_000);
    expect(bytes.length).toBe(70_000);
    expect(bytes.subarray(65_536).some((b) => b !== 0)).toBe(true);
  });

  it('draws integers in range, rejecting biased draws', () => {
    const draws = [
      [255, 255, 255, 255],
      [0, 0, 0, 7],
    ];
    const source = () => new Uint8Array(draws.shift() ?? []);
    expect(randomInt(10, source)).toBe(7);
    for (let i = 0; i < 100; i++) expect(randomInt(6)).toBeLessThan(6);
  });
});

describe('synchronous SHA-256 and HMAC-SHA-256 (published vectors, and equal to WebCrypto)', () => {
  it('FIPS 180-2 "abc" and RFC 4231 test cases 1 and 2', () => {
    expect(toHex(sha256Sync('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const case1 = hmacSha256Sync(new Uint8Array(20).fill(0x0b), 'Hi There');
    expect(toHex(case1)).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(toHex(new HmacSha256Key('Jefe').mac('what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('a prepared key gives the same MAC every time, equal to WebCrypto, for texts and bytes', async () => {
    const key = new HmacSha256Key('k'.repeat(48));
    for (const data of ['', 'card\u00006222020000000001008', new Uint8Array(200).fill(7), '张三']) {
      const expected = toHex(await hmacSha256('k'.repeat(48), data));
      expect(toHex(key.mac(data))).toBe(expected);
      expect(toHex(key.mac(data))).toBe(expected);
      expect(toHex(sha256Sync(data))).toBe(toHex(await sha256(data)));
    }
  });
});
