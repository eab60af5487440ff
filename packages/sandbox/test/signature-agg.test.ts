// The sandbox's aggregated-pay signer against OpenSSL (node:crypto) over a text written out by hand, and
// against core's signer in both directions: two implementations that agree, on the stated convention.
import { createHash, createSign, createVerify } from 'node:crypto';
import { createAggSigner } from '@cardbind/core/providers/aggregate-pay/internal';
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
  SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
  SANDBOX_RSA_PRIVATE_KEY,
  SANDBOX_RSA_PUBLIC_KEY,
} from '../src/keys.js';
import { aggMd5Signature, aggRsaSignature } from '../src/shared/signature-agg.js';
import { sortedFieldText } from '../src/shared/sorted-fields.js';

const KEY = 'md5-key-of-the-merchant';
const answer = {
  customerNo: '202112090603',
  orderNo: 'BC2022090700001',
  errCode: '0000',
  errMessage: '成功',
  submitUrl: 'https://bank.example/bind',
  submitMethod: 'POST',
  encoding: '',
  attempt: 2,
  sign: 'ignored',
};
// Sorted by name; the empty `encoding` and the `sign` left out; the number as JSON writes it.
const TEXT =
  'attempt=2&customerNo=202112090603&errCode=0000&errMessage=成功&orderNo=BC2022090700001' +
  '&submitMethod=POST&submitUrl=https://bank.example/bind';

/** The sandbox platform signs; the merchant checks (and the other way round). */
const platform = aggRsaSignature(SANDBOX_RSA_PRIVATE_KEY, SANDBOX_MERCHANT_RSA_PUBLIC_KEY);

describe('aggregated-pay sign', () => {
  it('is computed over the sorted non-empty fields, as the convention states', () => {
    expect(sortedFieldText(answer)).toBe(TEXT);
    expect(sortedFieldText({ b: { y: '2', x: 1 }, a: null })).toBe('b.x=1&b.y=2');
  });

  it('MD5: upper-case hex of MD5(text&key=…), as OpenSSL computes it', async () => {
    const expected = createHash('md5').update(`${TEXT}&key=${KEY}`).digest('hex').toUpperCase();
    expect(await aggMd5Signature(KEY).sign(answer)).toBe(expected);
  });

  it('SHA256withRSA: OpenSSL verifies what the sandbox signs, and the sandbox accepts what OpenSSL signs', async () => {
    const sign = await platform.sign(answer);
    expect(createVerify('RSA-SHA256').update(TEXT).verify(SANDBOX_RSA_PUBLIC_KEY, sign, 'base64')).toBe(true);
    const merchantSign = createSign('RSA-SHA256').update(TEXT).sign(SANDBOX_MERCHANT_RSA_PRIVATE_KEY, 'base64');
    expect(await platform.matches({ ...answer, sign: merchantSign })).toBe(true);
  });

  it("agrees with core's signer both ways, both methods", async () => {
    const coreMd5 = createAggSigner({ type: 'MD5', md5Key: KEY });
    expect(await aggMd5Signature(KEY).sign(answer)).toBe(await coreMd5.sign(answer));
    expect(await aggMd5Signature(KEY).matches({ ...answer, sign: await coreMd5.sign(answer) })).toBe(true);

    const merchant = createAggSigner({
      type: 'SHA256withRSA',
      privateKeyPem: SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
      peerPublicKeyPem: SANDBOX_RSA_PUBLIC_KEY,
    });
    expect(await platform.matches({ ...answer, sign: await merchant.sign(answer) })).toBe(true);
    expect(await merchant.verify({ ...answer, sign: await platform.sign(answer) })).toBe(true);
  });

  it('refuses another key, a changed field, no sign, and a sign that is not base64', async () => {
    const md5 = aggMd5Signature(KEY);
    const sign = await md5.sign(answer);
    expect(await md5.matches({ ...answer, sign: sign.toLowerCase() })).toBe(true);
    expect(await aggMd5Signature('another-key').matches({ ...answer, sign })).toBe(false);
    expect(await md5.matches({ ...answer, orderNo: 'BC2', sign })).toBe(false);
    expect(await md5.matches({ ...answer, sign: undefined })).toBe(false);

    const merchantSign = createSign('RSA-SHA256').update(TEXT).sign(SANDBOX_MERCHANT_RSA_PRIVATE_KEY, 'base64');
    expect(await platform.matches({ ...answer, errCode: '9999', sign: merchantSign })).toBe(false);
    // Signed with the platform's own key, not the merchant's: the wrong signer.
    const ownSign = createSign('RSA-SHA256').update(TEXT).sign(SANDBOX_RSA_PRIVATE_KEY, 'base64');
    expect(await platform.matches({ ...answer, sign: ownSign })).toBe(false);
    expect(await platform.matches({ ...answer, sign: '%%% not base64 %%%' })).toBe(false);
    expect(await platform.matches({ ...answer, sign: 42 })).toBe(false);
  });
});
