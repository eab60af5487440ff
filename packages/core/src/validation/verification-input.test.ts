import { describe, expect, it } from 'vitest';
import { validateVerificationInput } from './verification-input.js';

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

  it('reports each invalid field', () => {
    const r = validateVerificationInput(3, { name: 'Bob', idNumber: '110105194912310021', cardNumber: '123' });
    expect(r.valid).toBe(false);
    expect(r.fields.name?.errors).toEqual(['NAME_CHARACTERS']);
    expect(r.fields.idNumber?.errors).toEqual(['ID_CHECKSUM']);
    expect(r.fields.cardNumber?.errors).toEqual(['CARD_TOO_SHORT']);
  });
});
