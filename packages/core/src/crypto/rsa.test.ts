import { PKCS1_KEM } from 'micro-rsa-dsa-dh/rsa.js';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { fromHex, toBase64, toHex } from './encoding.js';
import { modPow } from './modpow.js';
import { importRsaPrivateKey, importRsaPublicKey, rsaKeyBytes, rsaPkcs1Decrypt } from './rsa.js';

/** A fresh key pair from WebCrypto; blocks are encrypted by micro-rsa-dsa-dh, an implementation independent of ours. */
async function pair(bits: number) {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['encrypt', 'decrypt'],
  )) as CryptoKeyPair;
  const pem = async (label: string, format: 'pkcs8' | 'spki', key: CryptoKey) =>
    `-----BEGIN ${label}-----\n${toBase64(new Uint8Array(await crypto.subtle.exportKey(format, key)))}\n-----END ${label}-----`;
  const publicKey = await importRsaPublicKey(await pem('PUBLIC KEY', 'spki', keys.publicKey));
  return {
    encrypt: (message: Uint8Array) => PKCS1_KEM.encrypt(publicKey, message),
    privatePem: await pem('PRIVATE KEY', 'pkcs8', keys.privateKey),
  };
}

describe('modPow', () => {
  it('agrees with repeated multiplication', () => {
    for (const [b, e, m] of [
      [4n, 13n, 497n],
      [2n, 0n, 7n],
      [0n, 5n, 11n],
      [-3n, 3n, 10n],
      [123456789n, 65537n, 1000000007n],
    ] as const) {
      let expected = 1n;
      for (let i = 0n; i < e; i++) expected = (expected * (((b % m) + m) % m)) % m;
      expect(modPow(b, e, m)).toBe(expected);
    }
    expect(modPow(5n, 3n, 1n)).toBe(0n);
    expect(() => modPow(2n, 3n, 0n)).toThrow(RangeError);
  });

  it('agrees with the full-size exponentiation of micro-rsa on large numbers', () => {
    const n = (1n << 1021n) - 1n;
    const e = (1n << 1000n) + 12345n;
    let naive = 1n;
    let base = 0xdeadbeefcafebaben;
    for (let x = e; x > 0n; x >>= 1n) {
      if (x & 1n) naive = (naive * base) % n;
      base = (base * base) % n;
    }
    expect(modPow(0xdeadbeefcafebaben, e, n)).toBe(naive);
  });
});

describe('RSAES-PKCS1-v1_5 decryption with CRT', () => {
  // Key generation is a random prime search: seconds of CPU on a busy machine, so a generous cap.
  for (const bits of [1024, 2048]) {
    it(`decrypts what another implementation encrypts, ${bits}-bit key, lengths up to k − 11`, async () => {
      const { encrypt, privatePem } = await pair(bits);
      const key = await importRsaPrivateKey(privatePem);
      const k = rsaKeyBytes(key);
      for (const length of [0, 1, 2, 31, 100, k - 12, k - 11]) {
        const message = new Uint8Array(length).map((_, i) => (i * 7 + length) & 0xff);
        expect(rsaPkcs1Decrypt(key, encrypt(message))).toEqual(message);
      }
    }, 60_000);
  }

  it('accepts and rejects exactly what the full-exponent reference does, on random blocks', async () => {
    const { encrypt, privatePem } = await pair(1024);
    const key = await importRsaPrivateKey(privatePem);
    const k = rsaKeyBytes(key);
    const blocks: Uint8Array[] = [];
    for (let i = 0; i < 20; i++) {
      const random = crypto.getRandomValues(new Uint8Array(k));
      random[0] = 0;
      blocks.push(random);
      blocks.push(encrypt(random.subarray(0, 20)));
    }
    for (const block of blocks) {
      const reference = (() => {
        try {
          return PKCS1_KEM.decrypt({ n: key.n, d: key.d }, block);
        } catch {
          return 'rejected';
        }
      })();
      const ours = (() => {
        try {
          return rsaPkcs1Decrypt(key, block);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          return 'rejected';
        }
      })();
      expect(ours).toEqual(reference);
    }
  }, 60_000);

  it('rejects a block of the wrong size, one not below the modulus, and one padded for signing', async () => {
    const { privatePem } = await pair(1024);
    const key = await importRsaPrivateKey(privatePem);
    const k = rsaKeyBytes(key);
    expect(() => rsaPkcs1Decrypt(key, new Uint8Array(k - 1))).toThrow(InvalidArgumentError);
    expect(() => rsaPkcs1Decrypt(key, new Uint8Array(k + 1))).toThrow(InvalidArgumentError);
    expect(() => rsaPkcs1Decrypt(key, new Uint8Array(k).fill(0xff))).toThrow(InvalidArgumentError);
    // EM = 00 01 FF…: block type 1 (signatures) must not decrypt.
    const em = new Uint8Array(k).fill(0xff);
    em[0] = 0;
    em[1] = 1;
    em[k - 21] = 0;
    const e = 65537n;
    const c = modPow(BigInt(`0x${toHex(em)}`), e, key.n);
    const block = fromHex(c.toString(16).padStart(k * 2, '0'));
    expect(() => rsaPkcs1Decrypt(key, block)).toThrow(InvalidArgumentError);
  }, 60_000);
});
