import { createCipheriv, generateKeyPairSync } from 'node:crypto';
import { createCallContext } from '@cardbind/core/contract';
import { fromBase64, toHex } from '@cardbind/core/crypto';
import {
  encryptFields,
  importFaceIdEncryptionKey,
  parseSm2PublicKey,
  sm2Encrypt,
  sm4GcmEncrypt,
} from '@cardbind/core/providers/tencent-faceid/internal';
import { SM2 } from 'gm-crypto';
import { sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';

/*
 * Interop vectors for core's FaceID SM4-GCM, from implementations independent of the one it uses
 * (sm-crypto-v2):
 * - SM4-GCM is recomputed from OpenSSL's SM4 (Node's sm4-ecb and sm4-ctr) and the GHASH of
 *   NIST SP 800-38D written out below; the library itself is also held to RFC 8998's vector.
 * - SM2 wrapping is undone by gm-crypto, the SM2 library of Tencent's own Node crypto tool.
 */

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const bigOf = (b: Uint8Array) => BigInt(`0x${toHex(b) || '0'}`);
const R = 0xe1n << 120n;

/** GF(2^128) multiplication of SP 800-38D §6.3 (bit-reflected, as GCM defines it). */
function gfMul(x: bigint, y: bigint): bigint {
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z;
}

/** GHASH over no associated data and `c`, with its length block. */
function ghash(h: bigint, c: Uint8Array): bigint {
  let y = 0n;
  for (let i = 0; i < c.length; i += 16) {
    const block = new Uint8Array(16);
    block.set(c.subarray(i, i + 16));
    y = gfMul(y ^ bigOf(block), h);
  }
  return gfMul(y ^ BigInt(c.length * 8), h);
}

/** SM4-GCM (96-bit IV, no AAD) from OpenSSL's SM4 block cipher and CTR mode. */
function opensslSm4Gcm(key: Uint8Array, iv: Uint8Array, plain: Uint8Array) {
  const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const h = bigOf(ecb.update(new Uint8Array(16)));
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1;
  const ej0 = bigOf(ecb.update(j0));
  const counter = j0.slice();
  counter[15] = 2;
  const ctr = createCipheriv('sm4-ctr', key, counter);
  const ciphertext = new Uint8Array(Buffer.concat([ctr.update(plain), ctr.final()]));
  const tag = (ghash(h, ciphertext) ^ ej0).toString(16).padStart(32, '0');
  return { ciphertext: toHex(ciphertext), tag };
}

/** An SM2 key pair from OpenSSL: the SPKI PEM the console would give, and the private scalar as hex. */
function sm2KeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  const sec1 = privateKey.export({ type: 'sec1', format: 'der' });
  return {
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    point: publicKey.export({ type: 'spki', format: 'der' }).subarray(26).toString('hex'),
    privateHex: sec1.subarray(7, 39).toString('hex'),
  };
}

describe('SM4-GCM', () => {
  it('the library meets RFC 8998 A.1 (with its associated data)', () => {
    const { output, tag } = sm4.encrypt(
      hex(
        'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
      ),
      hex('0123456789ABCDEFFEDCBA9876543210'),
      {
        mode: 'gcm',
        iv: hex('00001234567800000000ABCD'),
        associatedData: hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2'),
        output: 'array',
        outputTag: true,
      },
    );
    expect(toHex(output).toUpperCase()).toBe(
      '17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D',
    );
    expect(toHex(tag ?? new Uint8Array()).toUpperCase()).toBe('83DE3541E4C2B58177E065A9BF7B62EC');
  });

  it.each([
    ['a name', '张三'],
    ['an 18-character ID', '11010519491231002X'],
    ['a 19-digit card, more than one block', '6222020000000001008'],
    ['exactly one block', '0123456789abcdef'],
    ['empty', ''],
  ])('sm4GcmEncrypt matches OpenSSL SM4 + SP 800-38D GHASH: %s', (_label, text) => {
    const key = hex('00112233445566778899aabbccddeeff');
    const iv = hex('0102030405060708090a0b0c');
    const plain = new TextEncoder().encode(text);
    const ours = sm4GcmEncrypt(key, iv, plain);
    expect({ ciphertext: toHex(ours.ciphertext), tag: toHex(ours.tag) }).toEqual(opensslSm4Gcm(key, iv, plain));
  });
});

describe('SM2 public key and key wrapping', () => {
  it("reads OpenSSL's SPKI of an SM2 key; refuses an RSA or a P-256 key", async () => {
    const pair = sm2KeyPair();
    expect(parseSm2PublicKey(pair.pem).pointHex).toBe(pair.point);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    for (const pem of [p256.toString(), rsa.toString(), 'not a key']) {
      expect(() => parseSm2PublicKey(pem)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    }
  });

  it("wraps a key that gm-crypto (Tencent's Node tool's SM2) unwraps, C1C3C2 with the 04 prefix", () => {
    const pair = sm2KeyPair();
    const key = hex('5a5a0123456789abcdef0123456789ab');
    const wrapped = sm2Encrypt(parseSm2PublicKey(pair.pem), key);
    expect(wrapped[0]).toBe(0x04);
    expect(wrapped.length).toBe(1 + 64 + 32 + 16);
    const unwrapped = SM2.decrypt(Buffer.from(wrapped), pair.privateHex, {
      mode: SM2.constants.C1C3C2,
      outputEncoding: 'hex',
      pc: true,
    } as Parameters<typeof SM2.decrypt>[2] & { pc: boolean });
    expect(unwrapped).toBe(toHex(key));
  });
});

describe('encryptFields with SM4-GCM', () => {
  it('each field decrypts with the unwrapped key, the one IV and its own tag; a fresh key and IV per call', async () => {
    const pair = sm2KeyPair();
    const key = await importFaceIdEncryptionKey(pair.pem, 'SM4-GCM');
    const body = { Name: '张三', BankCard: '6222020000000001008' };
    // gm-crypto's decryption drops leading zero hex digits of what it unwraps (its BigInteger
    // toString): keys here never start with a byte below 0x10.
    const randomBytes = (n: number) =>
      crypto.getRandomValues(new Uint8Array(n)).map((b, i) => (i === 0 ? b | 0x10 : b));
    const encrypted = await encryptFields(
      body,
      ['Name', 'IdCard', 'BankCard'],
      key,
      createCallContext({ randomBytes }),
    );
    const { Encryption: encryption } = encrypted;
    expect(encryption).toMatchObject({ Algorithm: 'SM4-GCM', EncryptList: ['Name', 'BankCard'] });
    expect(encryption?.TagList).toHaveLength(2);
    const iv = fromBase64(encryption?.Iv ?? '');
    expect(iv).toHaveLength(12);
    const sek = SM2.decrypt(Buffer.from(fromBase64(encryption?.CiphertextBlob ?? '')), pair.privateHex, {
      mode: SM2.constants.C1C3C2,
      outputEncoding: 'hex',
      pc: true,
    } as Parameters<typeof SM2.decrypt>[2] & { pc: boolean }) as unknown as string;
    expect(sek).toHaveLength(32);
    for (const [i, field] of (['Name', 'BankCard'] as const).entries()) {
      const expected = opensslSm4Gcm(hex(sek), iv, new TextEncoder().encode(body[field]));
      expect(toHex(fromBase64(encrypted[field] ?? ''))).toBe(expected.ciphertext);
      expect(toHex(fromBase64(encryption?.TagList?.[i] ?? ''))).toBe(expected.tag);
    }
    const again = await encryptFields(body, ['Name', 'BankCard'], key, createCallContext());
    expect(again.Encryption?.Iv).not.toBe(encryption?.Iv);
    expect(again.Encryption?.CiphertextBlob).not.toBe(encryption?.CiphertextBlob);
  });
});
