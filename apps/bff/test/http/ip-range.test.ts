import { describe, expect, it } from 'vitest';
import { ipBytes, ipRange } from '../../src/http/ip-range.js';

describe('ipBytes', () => {
  it.each([
    ['203.0.113.7', [203, 0, 113, 7]],
    ['::1', [...Array(15).fill(0), 1]],
    ['2001:db8::8:800:200c:417a', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a]],
    ['::ffff:127.0.0.2', [127, 0, 0, 2]],
    ['::ffff:7f00:2', [127, 0, 0, 2]],
    ['1:2:3:4:5:6:7:8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
  ])('%s', (text, bytes) => expect(ipBytes(text)).toEqual(bytes));

  it.each([
    '256.0.0.1',
    '1.2.3',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    'g::1',
    '',
    'localhost',
    '1:2:3:4:5:6:7::8',
  ])('refuses %j', (text) => expect(ipBytes(text)).toBeUndefined());
});

describe('ipRange', () => {
  it('matches the addresses inside the range, and only those', () => {
    const range = ipRange('203.0.113.0/24');
    expect(range?.('203.0.113.200')).toBe(true);
    expect(range?.('::ffff:203.0.113.9')).toBe(true);
    expect(range?.('203.0.114.1')).toBe(false);
    expect(range?.('2001:db8::1')).toBe(false);
    const odd = ipRange('10.0.0.0/9');
    expect(odd?.('10.127.255.255')).toBe(true);
    expect(odd?.('10.128.0.0')).toBe(false);
  });

  it('a single address is a range of one; IPv6 prefixes', () => {
    expect(ipRange('127.0.0.1')?.('127.0.0.1')).toBe(true);
    expect(ipRange('127.0.0.1')?.('127.0.0.2')).toBe(false);
    expect(ipRange('2001:db8::/32')?.('2001:db8:ffff::1')).toBe(true);
    expect(ipRange('2001:db8::/32')?.('2001:db9::1')).toBe(false);
    expect(ipRange('0.0.0.0/0')?.('8.8.8.8')).toBe(true);
  });

  it.each(['203.0.113.0/33', '203.0.113.0/', '203.0.113.0/24/1', 'shop.example', '::/129', '1.2.3.4/x'])(
    'refuses %j',
    (text) => expect(ipRange(text)).toBeUndefined(),
  );
});
