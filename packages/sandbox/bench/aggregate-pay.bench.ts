import { importRsaPrivateKey, importRsaPublicKey, toBytes } from '@cardbind/core/crypto';
import { createAggSigner, openEnvelope, sealEnvelope } from '@cardbind/core/providers/aggregate-pay/internal';
import { bench, describe } from 'vitest';
import {
  SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
  SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
  SANDBOX_RSA_PRIVATE_KEY,
  SANDBOX_RSA_PUBLIC_KEY,
} from '../src/index.js';

// A create request's plaintext: ~450 bytes of JSON, two RSA-2048 segments.
const plain = {
  customerNo: '202112090603',
  orderNo: 'BC2026112200000001',
  userType: 'USER_ID',
  identifyId: 'user-42',
  bankCardType: 'DEBIT',
  bankCode: 'ICBC',
  bankCardName: '张三',
  certType: 'ID',
  certNo: '11010519491231002X',
  mobile: '13800138000',
  expiredTime: '2026-11-22 20:00:00',
  bindNotifyUrl: 'https://merchant.example/v1/notify/aggregate-pay',
  pageReturnUrl: 'https://merchant.example/r/return/BC2026112200000001',
};
const receiver = await importRsaPublicKey(SANDBOX_RSA_PUBLIC_KEY);
const receiverPrivate = await importRsaPrivateKey(SANDBOX_RSA_PRIVATE_KEY);
const md5 = createAggSigner({ type: 'MD5', md5Key: 'k'.repeat(32) });
const rsa = createAggSigner({
  type: 'SHA256withRSA',
  privateKeyPem: SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
  peerPublicKeyPem: SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
});
const sealedMd5 = sealEnvelope({ ...plain, sign: await md5.sign(plain) }, plain.customerNo, receiver);
const sealedRsa = sealEnvelope({ ...plain, sign: await rsa.sign(plain) }, plain.customerNo, receiver);

const der = (pem: string) => Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));
const oaep = { name: 'RSA-OAEP', hash: 'SHA-256' };
const oaepKey = await crypto.subtle.importKey('spki', der(SANDBOX_RSA_PUBLIC_KEY), oaep, false, ['encrypt']);
const oaepPrivate = await crypto.subtle.importKey('pkcs8', der(SANDBOX_RSA_PRIVATE_KEY), oaep, false, ['decrypt']);
const oaepSealed = await Promise.all(
  [0, 190, 380].map((i) =>
    crypto.subtle.encrypt('RSA-OAEP', oaepKey, new Uint8Array(toBytes(JSON.stringify(plain)).subarray(i, i + 190))),
  ),
);

describe('envelope: encrypt + sign', () => {
  bench('MD5 sign + RSA PKCS#1 v1.5 seal (pure JS)', async () => {
    sealEnvelope({ ...plain, sign: await md5.sign(plain) }, plain.customerNo, receiver);
  });
  bench('SHA256withRSA sign + seal', async () => {
    sealEnvelope({ ...plain, sign: await rsa.sign(plain) }, plain.customerNo, receiver);
  });
  bench('baseline: native WebCrypto RSA-OAEP, same segments', async () => {
    const bytes = toBytes(JSON.stringify(plain));
    for (let i = 0; i < bytes.length; i += 190) {
      await crypto.subtle.encrypt('RSA-OAEP', oaepKey, new Uint8Array(bytes.subarray(i, i + 190)));
    }
  });
});

describe('envelope: verify + decrypt', () => {
  bench('open + MD5 verify', async () => {
    if (!(await md5.verify(openEnvelope(sealedMd5, receiverPrivate)))) throw new Error('bad');
  });
  bench('open + SHA256withRSA verify', async () => {
    if (!(await rsa.verify(openEnvelope(sealedRsa, receiverPrivate)))) throw new Error('bad');
  });
  bench('baseline: native WebCrypto RSA-OAEP decrypt, same segments', async () => {
    for (const block of oaepSealed) await crypto.subtle.decrypt('RSA-OAEP', oaepPrivate, block);
  });
});
