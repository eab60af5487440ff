import { describe, expect, it } from 'vitest';
import { listBanks, lookupBin } from './lookup.js';

describe('lookupBin', () => {
  it('finds the issuer of a full card number', () => {
    expect(lookupBin('6222021234567890123')).toEqual({
      bin: '622202',
      bankCode: 'ICBC',
      bankName: { 'zh-CN': '中国工商银行', en: 'Industrial and Commercial Bank of China' },
      cardType: 'DEBIT',
      length: 19,
    });
  });

  it('finds the issuer from a 6-digit prefix', () => {
    expect(lookupBin('621282')?.bankCode).toBe('ABC');
    expect(lookupBin('622700')?.bankCode).toBe('CCB');
  });

  it('tells credit cards apart', () => {
    const credit = lookupBin('4392 2512 3456 7890');
    expect(credit?.bankCode).toBe('CMB');
    expect(credit?.cardType).toBe('CREDIT');
  });

  it('ignores separators', () => {
    expect(lookupBin('6222 02')?.bankCode).toBe('ICBC');
  });

  it('returns undefined for unknown or too short prefixes', () => {
    expect(lookupBin('99')).toBeUndefined();
    expect(lookupBin('000000')).toBeUndefined();
  });

  it('falls back to the bank code when no English name is known', () => {
    const info = lookupBin('6036941234567890123');
    expect(info?.bankName).toEqual({ 'zh-CN': '常熟农村商业银行', en: 'CSRCB' });
  });
});

describe('listBanks', () => {
  it('lists every bank once, the big banks first, each with a name in both languages', () => {
    const list = listBanks();
    expect(new Set(list.map((b) => b.code)).size).toBe(list.length);
    expect(list.length).toBeGreaterThan(200);
    expect(list.slice(0, 4).map((b) => b.code)).toEqual(['ICBC', 'CCB', 'ABC', 'BOC']);
    expect(list[0]?.name).toEqual({ 'zh-CN': '中国工商银行', en: 'Industrial and Commercial Bank of China' });
    for (const bank of list) expect(bank.name.en && bank.name['zh-CN']).toBeTruthy();
  });
});

describe('createBankDirectory', () => {
  it('a directory made from the written-out data answers as the bundled one', async () => {
    const { bankcardData } = await import('./lookup.js');
    const { createBankDirectory } = await import('./directory.js');
    const copy = createBankDirectory(JSON.parse(JSON.stringify(bankcardData())));
    for (const prefix of ['6222021234567890123', '621282', '4392 2512 3456 7890', '999999']) {
      expect(copy.lookupBin(prefix)).toEqual(lookupBin(prefix));
    }
    expect(copy.listBanks()).toEqual(listBanks());
    expect(copy.bankNameOf('ICBC')).toEqual({ 'zh-CN': '中国工商银行', en: 'Industrial and Commercial Bank of China' });
  });
});
