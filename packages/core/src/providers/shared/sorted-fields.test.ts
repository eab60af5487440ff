import { describe, expect, it } from 'vitest';
import { chinaTime, sortedFieldString } from './sorted-fields.js';

describe('sortedFieldString', () => {
  it('sorts by name, drops empty values and sign, flattens nested objects', () => {
    expect(
      sortedFieldString({
        b: '2',
        a: '1',
        sign: 'x',
        empty: '',
        none: null,
        data: { status: 'SUCCESS', transId: 'T' },
        n: 3,
      }),
    ).toBe('a=1&b=2&data.status=SUCCESS&data.transId=T&n=3');
  });
});

describe('chinaTime', () => {
  it('formats in UTC+8', () => {
    expect(chinaTime(Date.UTC(2026, 10, 22, 16, 30, 5))).toEqual({ date: '20261123', dateTime: '2026-11-23 00:30:05' });
  });
});
