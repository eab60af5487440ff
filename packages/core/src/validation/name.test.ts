import { describe, expect, it } from 'vitest';
import { validateName } from './name.js';

describe('validateName', () => {
  it.each([
    ['张三', '张三'],
    [' 张　三 ', '张三'],
    ['阿沛·阿旺晋美', '阿沛·阿旺晋美'],
    ['阿沛•阿旺晋美', '阿沛·阿旺晋美'],
    ['阿沛・阿旺晋美', '阿沛·阿旺晋美'],
    ['阿沛．阿旺晋美', '阿沛·阿旺晋美'],
    ['阿沛.阿旺晋美', '阿沛·阿旺晋美'],
    ['阿沛‧阿旺晋美', '阿沛·阿旺晋美'],
    ['張偉', '張偉'],
    ['𠮷野家', '𠮷野家'],
  ])('accepts %j as %j', (input, value) => {
    expect(validateName(input)).toMatchObject({ valid: true, value, errors: [], warnings: [] });
  });

  it('never converts traditional to simplified', () => {
    expect(validateName('劉德華').value).toBe('劉德華');
  });

  it('allows one character with a warning', () => {
    expect(validateName('王')).toMatchObject({ valid: true, warnings: ['NAME_SINGLE_CHARACTER'] });
  });

  it.each([
    ['', ['NAME_EMPTY']],
    ['·张三', ['NAME_DOT_POSITION']],
    ['张三·', ['NAME_DOT_POSITION']],
    ['阿沛··阿旺', ['NAME_DOT_POSITION']],
    ['Zhang San', ['NAME_CHARACTERS']],
    ['张3', ['NAME_CHARACTERS']],
    ['张三😀', ['NAME_CHARACTERS']],
    ['张'.repeat(31), ['NAME_TOO_LONG']],
  ])('rejects %j with %j', (input, errors) => {
    expect(validateName(input)).toMatchObject({ valid: false, errors });
  });

  it('counts code points, not UTF-16 units', () => {
    expect(validateName('𠮷'.repeat(30)).valid).toBe(true);
  });
});

describe('validateName for a foreigner’s permanent residence ID', () => {
  const foreign = { document: 'foreign_permanent_residence' } as const;

  it.each([
    ['Zhang San', 'Zhang San'],
    ['  MARIA   GARCIA ', 'MARIA GARCIA'],
    ['Zhang·San', 'Zhang·San'],
    ['Zhang•San', 'Zhang·San'],
    ['Jean-Luc Picard', 'Jean-Luc Picard'],
    ['Jean–Luc', 'Jean-Luc'],
    ['José Müller', 'José Müller'],
    ['ＭＡＲＩＡ', 'MARIA'],
  ])('accepts %j as %j, case kept', (input, value) => {
    expect(validateName(input, foreign)).toMatchObject({ valid: true, value, errors: [] });
  });

  it.each([
    ['', ['NAME_EMPTY']],
    ['马丽', ['NAME_LATIN_CHARACTERS']],
    ['马丽A', ['NAME_LATIN_CHARACTERS']],
    ['Maria3', ['NAME_LATIN_CHARACTERS']],
    ['-Maria', ['NAME_DOT_POSITION']],
    ['Maria ·Garcia', ['NAME_DOT_POSITION']],
    ['M'.repeat(61), ['NAME_TOO_LONG']],
  ])('refuses %j with %j', (input, errors) => {
    expect(validateName(input, foreign).errors).toEqual(errors);
  });

  it('every other document keeps the Han rule, which refuses Latin letters', () => {
    for (const document of ['resident', 'hk_macau_residence_permit', 'taiwan_residence_permit', undefined] as const) {
      expect(validateName('Zhang San', { document }).errors).toEqual(['NAME_CHARACTERS']);
      expect(validateName('马丽A', { document }).errors).toEqual(['NAME_CHARACTERS']);
      expect(validateName('马丽', { document }).valid).toBe(true);
    }
  });
});
