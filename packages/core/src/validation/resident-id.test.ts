import { describe, expect, it } from 'vitest';
import { residentIdCheckChar, validateResidentId } from './resident-id.js';

const today = new Date('2026-11-22T00:00:00Z');
const check = (input: string) => validateResidentId(input, { today });

describe('validateResidentId', () => {
  it.each([
    ['11010519491231002X', 'resident', '1949-12-31', 'female'],
    ['440308199901101512', 'resident', '1999-01-10', 'male'],
    ['810000199408230021', 'hk_macau_residence_permit', '1994-08-23', 'female'],
    ['830000199201300022', 'taiwan_residence_permit', '1992-01-30', 'female'],
  ])('accepts %s (%s)', (id, kind, birthDate, sex) => {
    const r = check(id);
    expect(r).toMatchObject({ valid: true, value: id, errors: [], warnings: [] });
    expect(r.details).toEqual({ kind, birthDate, sex, upgradedFrom15: false });
  });

  it('upgrades a 15-digit first-generation number to 18 digits', () => {
    const r = check('610104620927690');
    expect(r.valid).toBe(true);
    expect(r.value).toBe('610104196209276908');
    expect(r.warnings).toEqual(['ID_UPGRADED_FROM_15']);
    expect(r.details?.upgradedFrom15).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(check('110105194912310021')).toMatchObject({ valid: false, errors: ['ID_CHECKSUM'], incomplete: false });
  });

  it('rejects month 13 (and its check digit)', () => {
    const r = check('110105194913310021');
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('ID_BIRTH_DATE');
  });

  it('rejects a day that does not exist, even with a correct check character', () => {
    const first17 = '11010519490230001';
    const r = check(first17 + residentIdCheckChar(first17));
    expect(r.errors).toEqual(['ID_BIRTH_DATE']);
  });

  it('rejects a birth date in the future', () => {
    const first17 = '11010520301231001';
    expect(check(first17 + residentIdCheckChar(first17)).errors).toEqual(['ID_BIRTH_DATE_FUTURE']);
  });

  it('rejects an unknown province prefix', () => {
    const first17 = '99010519491231002';
    expect(check(first17 + residentIdCheckChar(first17)).errors).toEqual(['ID_REGION']);
    const permitLike = '81010019940823002';
    expect(check(permitLike + residentIdCheckChar(permitLike)).errors).toEqual(['ID_REGION']);
  });

  it('accepts the 2023 foreigner permanent residence ID (leading 9, issuing province next)', () => {
    const first17 = '93156019880101001';
    const r = check(first17 + residentIdCheckChar(first17));
    expect(r.valid).toBe(true);
    expect(r.details?.kind).toBe('foreign_permanent_residence');
    expect(r.details?.birthDate).toBe('1988-01-01');
  });

  it('folds full-width digits, removes spaces and upper-cases x', () => {
    expect(check('１１０１０５ １９４９１２３１ ００２ｘ')).toMatchObject({ valid: true, value: '11010519491231002X' });
    expect(check('11010519491231002x').value).toBe('11010519491231002X');
  });

  it('marks short input as incomplete and long input as an error', () => {
    expect(check('1101051949')).toMatchObject({ valid: false, errors: ['ID_TOO_SHORT'], incomplete: true });
    expect(check('')).toMatchObject({ errors: ['ID_EMPTY'], incomplete: true });
    expect(check('11010519491231002X1')).toMatchObject({ errors: ['ID_CHARACTERS'], incomplete: false });
    expect(check('1101051949123100211')).toMatchObject({ errors: ['ID_TOO_LONG'], incomplete: false });
  });

  it('rejects letters other than a final X', () => {
    expect(check('1101051949X231002X').errors).toEqual(['ID_CHARACTERS']);
    expect(check('11010519491231002A').errors).toEqual(['ID_CHARACTERS']);
  });

  it('computes the MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44030819990110151')).toBe('2');
  });
});
