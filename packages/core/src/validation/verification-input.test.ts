import { describe, expect, it } from 'vitest';
import { residentIdCheckChar, validateResidentId } from './resident-id.js';
import { documentOf, validateVerificationInput } from './verification-input.js';

describe('validateVerificationInput', () => {
  const fields = { name: ' 张三 ', idNumber: '11010519491231002x', cardNumber: '6212 8245 6576 1234 567' };

  it('normalizes every field of a 3-element form', () => {
    const r = validateVerificationInput(3, fields);
    expect(r.valid).toBe(true);
    expect(r.value).toEqual({ name: '张三', idNumber: '11010519491231002X', cardNumber: '6212824565761234567' });
    expect(r.fields.phone).toBeUndefined();
  });

  it('requires the phone for 4 elements', () => {
    const r = validateVerificationInput(4, fields);
    expect(r.valid).toBe(false);
    expect(r.fields.phone?.errors).toEqual(['PHONE_EMPTY']);
    const ok = validateVerificationInput(4, { ...fields, phone: '+86 138 1234 5678' });
    expect(ok.valid).toBe(true);
    expect(ok.value.phone).toBe('13812345678');
  });

  it('2 elements: name and card only; an ID number given anyway is neither checked nor passed on', () => {
    const r = validateVerificationInput(2, { ...fields, idNumber: 'not an id' });
    expect(r.valid).toBe(true);
    expect(r.value).toEqual({ name: '张三', cardNumber: '6212824565761234567' });
    expect(Object.keys(r.fields)).toEqual(['name', 'cardNumber']);
    const bad = validateVerificationInput(2, { name: 'Bob', cardNumber: '123' });
    expect(bad.fields.name?.errors).toEqual(['NAME_CHARACTERS']);
    expect(bad.fields.cardNumber?.errors).toEqual(['CARD_TOO_SHORT']);
  });

  it('3 elements require the ID number', () => {
    const r = validateVerificationInput(3, { name: '张三', cardNumber: fields.cardNumber });
    expect(r.valid).toBe(false);
    expect(r.fields.idNumber?.errors).toEqual(['ID_EMPTY']);
  });

  it('reports each invalid field', () => {
    const r = validateVerificationInput(3, { name: 'Bob', idNumber: '110105194912310021', cardNumber: '123' });
    expect(r.valid).toBe(false);
    expect(r.fields.name?.errors).toEqual(['NAME_CHARACTERS']);
    expect(r.fields.idNumber?.errors).toEqual(['ID_CHECKSUM']);
    expect(r.fields.cardNumber?.errors).toEqual(['CARD_TOO_SHORT']);
  });
});

describe('the name follows the ID document', () => {
  // A 2023 foreigner's permanent residence ID: 9, province 11 (Beijing), then birth date and serial.
  const foreignId = (() => {
    const first17 = '911840' + '19900101' + '001'; // 9, Beijing (11), nationality code, birth date, serial
    return first17 + residentIdCheckChar(first17);
  })();

  it('a Latin name with a 9-prefixed ID is valid; the same name with a mainland ID is not', () => {
    const card = '6222020000000001008';
    expect(validateVerificationInput(3, { name: 'MARIA GARCIA', idNumber: foreignId, cardNumber: card }).valid).toBe(
      true,
    );
    const mainland = validateVerificationInput(3, {
      name: 'MARIA GARCIA',
      idNumber: '11010519491231002X',
      cardNumber: card,
    });
    expect(mainland.fields.name?.errors).toEqual(['NAME_CHARACTERS']);
  });

  it('while the ID is still being typed, a leading 9 already picks the Latin rule', () => {
    expect(documentOf(validateResidentId('911'), '911')).toBe('foreign_permanent_residence');
    expect(documentOf(validateResidentId('110'), '110')).toBe('resident');
  });
});
