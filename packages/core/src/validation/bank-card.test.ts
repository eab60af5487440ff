import { describe, expect, it } from 'vitest';
import { validateBankCard } from './bank-card.js';
import { luhnValid } from './luhn.js';

describe('validateBankCard', () => {
  it('accepts a card that passes Luhn', () => {
    expect(validateBankCard('6212824565761234567')).toEqual({
      valid: true,
      value: '6212824565761234567',
      errors: [],
      warnings: [],
      incomplete: false,
    });
  });

  it('accepts a card that fails Luhn, with a warning', () => {
    const r = validateBankCard('6227003320240034988');
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual(['CARD_LUHN']);
  });

  it('keeps 19 digits exactly (beyond 2^53) as a string', () => {
    const r = validateBankCard('6212 8245-6576 1234 567');
    expect(r.value).toBe('6212824565761234567');
    expect(typeof r.value).toBe('string');
  });

  it('folds full-width digits and dashes', () => {
    expect(validateBankCard('６２１２８２４５６５７６１２３４５６７').value).toBe('6212824565761234567');
    expect(validateBankCard('6212－8245－6576－1234－567').value).toBe('6212824565761234567');
  });

  it.each([
    ['', 'CARD_EMPTY', true],
    ['62128245', 'CARD_TOO_SHORT', true],
    ['62128245657612345670', 'CARD_TOO_LONG', false],
    ['6212a245657612345', 'CARD_CHARACTERS', false],
    // A leading 0 is no issuer's, whatever its length or check digit (this one fails Luhn too).
    ['0222020000000001008', 'CARD_ISSUER', false],
    ['0222', 'CARD_ISSUER', false],
  ])('rejects %j with %s', (input, code, incomplete) => {
    expect(validateBankCard(input)).toMatchObject({ valid: false, errors: [code], incomplete });
  });

  it('accepts the 15 and 19 digit bounds', () => {
    expect(validateBankCard('370000000000002').valid).toBe(true);
    expect(validateBankCard('6212824565761234567').valid).toBe(true);
  });
});

describe('luhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4111111111111111', true],
    ['0', true],
  ])('%s → %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });
});
