import { describe, expect, it } from 'vitest';
import { bankMetaVerifyParams } from './request.js';
import { cloudauthOutcome } from './response.js';

/** MD5 of the parts, computed apart (Python's hashlib): what the documented hashing must give. */
const MD5: Record<string, string> = {
  '001008': '029fe39618b0dee9e4f9aeb2fcadd73a',
  '19491231': 'f8817a477938df5a3e7763cadc5a9abb',
  张: '6499fc7409049355527ef6a2ba5706b8',
  '13800138000': '7945bd83237335e5376ff44d62e4f0ae',
};
const md5 = (s: string) => MD5[s];
const four = {
  kind: 4 as const,
  orderNo: 'o1',
  name: '张三',
  idNumber: '11010519491231002X',
  cardNumber: '6222020000000001008',
  phone: '13800138000',
};

describe('BankMetaVerify parameters', () => {
  it('normal: the elements as they are, the product by their number', () => {
    expect(bankMetaVerifyParams(four, 'normal')).toEqual({
      ParamType: 'normal',
      VerifyMode: 'VERIFY_BANK_CARD',
      ProductType: 'BANK_CARD_4_META',
      BankCard: four.cardNumber,
      UserName: four.name,
      IdentifyNum: four.idNumber,
      IdentityType: '01',
      Mobile: four.phone,
    });
    const { kind: _k, phone: _p, idNumber: _i, ...two } = four;
    expect(bankMetaVerifyParams({ ...two, kind: 2 }, 'normal')).toEqual({
      ParamType: 'normal',
      VerifyMode: 'VERIFY_BANK_CARD',
      ProductType: 'BANK_CARD_2_META',
      BankCard: four.cardNumber,
      UserName: four.name,
    });
  });

  it('md5: the card’s last 6, the birth date, the first character of the name and the mobile hashed', () => {
    const params = bankMetaVerifyParams(four, 'md5');
    expect(params.BankCard).toBe(`6222020000000${md5('001008')}`);
    expect(params.IdentifyNum).toBe(`110105${md5('19491231')}002X`);
    expect(params.UserName).toBe(`${md5('张')}三`);
    expect(params.Mobile).toBe(md5('13800138000'));
    for (const value of [params.BankCard, params.IdentifyNum, params.UserName, params.Mobile]) {
      expect(value).not.toContain(four.cardNumber.slice(-6));
    }
  });
});

describe('BankMetaVerify answers', () => {
  const answer = (code: string, subCode?: string, bizCode = '1') =>
    cloudauthOutcome({
      kind: 'answer',
      httpStatus: 200,
      code,
      ...(code === '200' ? { bizCode } : {}),
      ...(code === '200' && subCode ? { subCode } : {}),
    });
  it.each([
    ['101', '1', 'verified', true],
    ['201', '2', 'mismatch', true],
    ['210', '2', 'card_rejected', true],
    ['301', '3', 'card_rejected', 'unknown'],
    ['999', '2', 'mismatch', true],
    ['999', '3', 'card_rejected', 'unknown'],
  ])('SubCode %s (BizCode %s) → %s, charged %s', (sub, biz, status, charged) => {
    const outcome = answer('200', sub, biz);
    expect([outcome.status, outcome.charged]).toEqual([status, charged]);
    expect(outcome.provider?.code).toBe(`200/${sub}`);
  });

  it('business codes and gateway errors: refused, not billed; unknown ones: charge unknown', () => {
    expect(answer('412')).toMatchObject({ reason: 'INSUFFICIENT_BALANCE', charged: false });
    expect(answer('402')).toMatchObject({ reason: 'PROVIDER_ERROR', charged: 'unknown' });
    expect(answer('499')).toMatchObject({ reason: 'UNKNOWN', charged: 'unknown' });
    const gateway = (code: string, httpStatus = 400) => cloudauthOutcome({ kind: 'gateway', httpStatus, code });
    expect(gateway('SignatureDoesNotMatch')).toMatchObject({ reason: 'SIGNATURE_REJECTED', charged: false });
    expect(gateway('Throttling.User')).toMatchObject({ reason: 'RATE_LIMITED', charged: false, retryAfter: 1 });
    expect(gateway('MissingBankCard')).toMatchObject({ reason: 'INVALID_PARAMETER', charged: false });
    expect(gateway('Something.New', 403)).toMatchObject({ reason: 'UNKNOWN', charged: false });
    expect(gateway('Something.New', 500)).toMatchObject({ reason: 'PROVIDER_ERROR', charged: 'unknown' });
  });
});
