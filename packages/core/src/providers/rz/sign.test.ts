import { describe, expect, it } from 'vitest';
import { toHex } from '../../crypto/encoding.js';
import { hmacSha256 } from '../../crypto/hmac.js';
import { md5 } from '../../crypto/md5.js';
import { rzSign, rzVerify } from './sign.js';

const fields = { merchantNo: 'M1', orderId: 'O1', acctName: '张三', certType: 'ID_CARD', signType: 'MD5', empty: '' };

describe('rz sign', () => {
  it('MD5: upper hex over sorted non-empty fields + &key=', async () => {
    const text = 'acctName=张三&certType=ID_CARD&merchantNo=M1&orderId=O1&signType=MD5&key=K';
    expect(await rzSign(fields, 'K', 'MD5')).toBe(toHex(md5(text)).toUpperCase());
  });

  it('HMAC-SHA256: keyed with the merchant key over the same text', async () => {
    const text = 'acctName=张三&certType=ID_CARD&merchantNo=M1&orderId=O1&signType=MD5&key=K';
    expect(await rzSign(fields, 'K', 'HMAC-SHA256')).toBe(toHex(await hmacSha256('K', text)).toUpperCase());
  });

  it('verifies, case-insensitively, and rejects a changed field', async () => {
    const sign = await rzSign(fields, 'K', 'MD5');
    expect(await rzVerify({ ...fields, sign: sign.toLowerCase() }, 'K', 'MD5')).toBe(true);
    expect(await rzVerify({ ...fields, orderId: 'O2', sign }, 'K', 'MD5')).toBe(false);
    expect(await rzVerify({ ...fields }, 'K', 'MD5')).toBe(false);
  });
});

describe('md5', () => {
  it('RFC 1321 vector', () => {
    expect(toHex(md5('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });
});
