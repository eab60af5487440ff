import { describe, expect, it } from 'vitest';
import { sha256 } from './digest.js';
import { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toBytes, toHex, utf8Decode } from './encoding.js';
import { hmacSha1, hmacSha256, importHmacKey } from './hmac.js';
import { randomBytes, randomInt } from './random.js';
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
