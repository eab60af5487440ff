import { PKCS1_KEM } from 'micro-rsa-dsa-dh/rsa.js';
import { bench, describe } from 'vitest';
import { importRsaPrivateKey, importRsaPublicKey, rsaPkcs1Decrypt, rsaPkcs1Encrypt } from '../src/crypto/rsa.js';

// One 2048-bit block, the unit of every notification and answer the aggregated-pay API sends.
const oaep = { name: 'RSA-OAEP', hash: 'SHA-256' };
const pair = (await crypto.subtle.generateKey(
  { ...oaep, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
  true,
  ['encrypt', 'decrypt'],
)) as CryptoKeyPair;
const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${btoa(String.fromCharCode(...new Uint8Array(der)))}\n-----END ${label}-----`;
const privateKey = await importRsaPrivateKey(
  pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
);
const publicKey = await importRsaPublicKey(pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey)));
const message = new Uint8Array(200).fill(7);
const block = rsaPkcs1Encrypt(publicKey, message);
const oaepBlock = await crypto.subtle.encrypt('RSA-OAEP', pair.publicKey, message.subarray(0, 190));

describe('RSA-2048 private-key operation, one block', () => {
  bench('PKCS#1 v1.5 decrypt, CRT + window (ours)', () => {
    rsaPkcs1Decrypt(privateKey, block);
  });
  bench('baseline: PKCS#1 v1.5 decrypt, full exponent (micro-rsa-dsa-dh)', () => {
    PKCS1_KEM.decrypt({ n: privateKey.n, d: privateKey.d }, block);
  });
  bench('baseline: native WebCrypto RSA-OAEP decrypt', async () => {
    await crypto.subtle.decrypt('RSA-OAEP', pair.privateKey, oaepBlock);
  });
});
