import { describe, expect, it } from 'vitest';
import { maskCard, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('keeps BIN + last 4 of a card', () => {
    expect(maskCard('6222021234561234')).toBe('622202******1234');
    expect(maskCard('6212824565761234567')).toBe('621282*********4567');
    expect(maskCard('123')).toBe('***');
  });

  it('keeps the first 3 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('short')).toBe('*****');
  });

  it('keeps 3 + 4 digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('阿沛·阿旺晋美')).toBe('阿*');
    expect(maskName('𠮷野家')).toBe('𠮷*');
    expect(maskName('')).toBe('');
  });
});
