import { bench, describe } from 'vitest';
import { validateBankCard, validateMobile, validateName, validateResidentId } from '../src/validation/index.js';

// Baselines: the naive single-regex checks most forms use, to show what the
// full normalization and checks cost on top.
describe('resident ID', () => {
  bench('validateResidentId', () => {
    validateResidentId('11010519491231002X');
  });
  bench('baseline: /^\\d{17}[\\dX]$/', () => {
    /^\d{17}[\dX]$/.test('11010519491231002X');
  });
});

describe('bank card', () => {
  bench('validateBankCard (19 digits, grouped)', () => {
    validateBankCard('6212 8245 6576 1234 567');
  });
  bench('baseline: /^\\d{15,19}$/', () => {
    /^\d{15,19}$/.test('6212 8245 6576 1234 567'.replace(/\s/g, ''));
  });
});

describe('name', () => {
  bench('validateName', () => {
    validateName('阿沛·阿旺晋美');
  });
  bench('baseline: /^[\\u4e00-\\u9fa5·]{2,30}$/', () => {
    /^[\u4e00-\u9fa5·]{2,30}$/.test('阿沛·阿旺晋美');
  });
});

describe('mobile', () => {
  bench('validateMobile (+86, spaced)', () => {
    validateMobile('+86 138 1234 5678');
  });
  bench('baseline: /^1[3-9]\\d{9}$/', () => {
    /^1[3-9]\d{9}$/.test('13812345678');
  });
});
