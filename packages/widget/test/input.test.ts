import { describe, expect, it } from 'vitest';
import { caretAfterEdit, displayInput, normalizeInput } from '../src/frame/input.js';

describe('normalizeInput: every digit kept, whatever the shape of the paste', () => {
  it.each([
    [' 6222 0200 0000 0001 008 ', '6222020000000001008'],
    ['6222  0200  0000  0001  008', '6222020000000001008'],
    ['6222-0200-0000-0001-008', '6222020000000001008'],
    [[...'6222020000000001008'].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''), '6222020000000001008'],
    ['6222\u30000200\u00a00000\t0001\n008', '6222020000000001008'],
    ['62220200000000010080', '62220200000000010080'],
  ])('card %j → %j', (raw, value) => {
    expect(normalizeInput('cardNumber', raw)).toBe(value);
  });

  it.each([
    ['110105 1949 1231 002X', '11010519491231002X'],
    ['110105-19491231-002x', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    [' 11010519491231002X ', '11010519491231002X'],
  ])('ID %j → %j', (raw, value) => {
    expect(normalizeInput('idNumber', raw)).toBe(value);
  });

  it.each([
    ['+86 138 0013 8000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['(138) 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
  ])('phone %j → %j', (raw, value) => {
    expect(normalizeInput('phone', raw)).toBe(value);
  });

  it('leaves a name as typed (validation folds it)', () => {
    expect(normalizeInput('name', ' Maria  Garcia ')).toBe(' Maria  Garcia ');
  });
});

describe('displayInput', () => {
  it('groups every card digit by four, 20 digits included', () => {
    expect(displayInput('cardNumber', '6222020000000001008')).toBe('6222 0200 0000 0001 008');
    expect(displayInput('cardNumber', '62220200000000010080')).toBe('6222 0200 0000 0001 0080');
    expect(displayInput('cardNumber', '6222')).toBe('6222');
  });
});

describe('caretAfterEdit', () => {
  it('keeps the caret after the digit it followed when a group shifts', () => {
    // "6222 0200" with a 9 typed after "6222 02": raw "6222 02900", caret after the 9.
    const raw = '6222 02900';
    const caret = caretAfterEdit('cardNumber', raw, 8);
    const shown = displayInput('cardNumber', normalizeInput('cardNumber', raw));
    expect(shown).toBe('6222 0290 0');
    expect(shown.slice(0, caret)).toBe('6222 029');
  });

  it('after a paste at the end, the caret is at the end', () => {
    const raw = ' 6222 0200 0000 0001 008 ';
    const shown = displayInput('cardNumber', normalizeInput('cardNumber', raw));
    expect(caretAfterEdit('cardNumber', raw, raw.length)).toBe(shown.length);
  });

  it('counts kept characters for unformatted fields', () => {
    expect(caretAfterEdit('phone', '+86 138', 7)).toBe(3);
    expect(caretAfterEdit('idNumber', '110 105', 4)).toBe(3);
  });
});
