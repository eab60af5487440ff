// The sandbox's RZ signer against OpenSSL (node:crypto) over a text written out by hand, and against
// core's signer: two implementations that agree, and a text that follows the stated convention.
import { createHash, createHmac } from 'node:crypto';
import { rzSign } from '@cardbind/core/providers/rz/internal';
import { describe, expect, it } from 'vitest';
import { rzSignature, rzSignatureMatches, rzSignText } from '../src/shared/signature-rz.js';

const KEY = 'k3y-of-the-merchant';
const request = {
  merchantNo: 'M100001',
  verifyType: 'RZ03',
  acctName: '张三',
  acctNo: '6222020000000001008',
  certNo: '11010519491231002X',
  certType: 'ID_CARD',
  orderId: 'ORDER1',
  orderDate: '20261125',
  mobile: '',
  signType: 'MD5',
  sign: 'ignored',
};
// Sorted by name; the empty `mobile` and `sign` left out; the key last.
const TEXT =
  'acctName=张三&acctNo=6222020000000001008&certNo=11010519491231002X&certType=ID_CARD&merchantNo=M100001' +
  '&orderDate=20261125&orderId=ORDER1&signType=MD5&verifyType=RZ03&key=k3y-of-the-merchant';

describe('RZ sign', () => {
  it('hashes the sorted non-empty fields and the key, as the convention states', () => {
    expect(rzSignText(request, KEY)).toBe(TEXT);
  });

  it('MD5 and HMAC-SHA-256 equal OpenSSL over that text, upper-case hex', () => {
    expect(rzSignature(request, KEY, 'MD5')).toBe(createHash('md5').update(TEXT).digest('hex').toUpperCase());
    expect(rzSignature(request, KEY, 'HMAC-SHA256')).toBe(
      createHmac('sha256', KEY).update(TEXT).digest('hex').toUpperCase(),
    );
  });

  it("flattens an answer's data as data.name=value", () => {
    const answer = { code: '0000', desc: '交易成功', data: { transId: 'T1', status: 'SUCCESS', transDate: '' } };
    expect(rzSignText(answer, KEY)).toBe(`code=0000&data.status=SUCCESS&data.transId=T1&desc=交易成功&key=${KEY}`);
  });

  it("agrees with core's signer, both methods", async () => {
    for (const method of ['MD5', 'HMAC-SHA256'] as const) {
      expect(rzSignature(request, KEY, method)).toBe(await rzSign(request, KEY, method));
    }
  });

  it('matches a sign in either case, and refuses another key, a changed field or no sign', () => {
    const sign = rzSignature(request, KEY, 'MD5');
    expect(rzSignatureMatches({ ...request, sign }, KEY, 'MD5')).toBe(true);
    expect(rzSignatureMatches({ ...request, sign: sign.toLowerCase() }, KEY, 'MD5')).toBe(true);
    expect(rzSignatureMatches({ ...request, sign }, 'another-key', 'MD5')).toBe(false);
    expect(rzSignatureMatches({ ...request, orderId: 'ORDER2', sign }, KEY, 'MD5')).toBe(false);
    expect(rzSignatureMatches({ ...request, sign: undefined }, KEY, 'MD5')).toBe(false);
  });
});
