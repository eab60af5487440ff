import { describe, expect, it } from 'vitest';
import { validateMobile } from './mobile.js';

describe('validateMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１９９１２３４５６７８', '19912345678'],
  ])('accepts %j as %s', (input, value) => {
    expect(validateMobile(input)).toMatchObject({ valid: true, value, errors: [] });
  });

  it.each([
    ['', 'PHONE_EMPTY', true],
    ['1381234', 'PHONE_TOO_SHORT', true],
    ['138123456789', 'PHONE_TOO_LONG', false],
    ['12812345678', 'PHONE_PREFIX', false],
    ['23812345678', 'PHONE_PREFIX', false],
    ['1381234567a', 'PHONE_CHARACTERS', false],
  ])('rejects %j with %s', (input, code, incomplete) => {
    expect(validateMobile(input)).toMatchObject({ valid: false, errors: [code], incomplete });
  });
});
