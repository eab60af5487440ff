import {
  fromBase64,
  importRsaPrivateKey,
  type RsaPrivateKey,
  rsaPkcs1Decrypt,
  toHex,
  utf8Decode,
} from '@cardbind/core/crypto';
import { sm2, sm4 } from 'sm-crypto-v2';

/**
 * Undoes FaceID's `Encryption` with AES-256-CBC: unwraps the AES key with the RSA private key,
 * then decrypts each listed field (PKCS#7). Throws on any failure; the simulator answers that
 * with FailedOperation.DecryptSystemError.
 */
export async function decryptFields(
  body: Record<string, unknown>,
  encryptList: readonly string[],
  ciphertextBlob: string,
  iv: string,
  privateKey: RsaPrivateKey,
): Promise<Record<string, unknown>> {
  const key = rsaPkcs1Decrypt(privateKey, fromBase64(ciphertextBlob));
  if (key.length !== 32) throw new Error('the wrapped key is not 32 bytes');
  const aesKey = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-CBC', false, ['decrypt']);
  const ivBytes = fromBase64(iv);
  const out = { ...body };
  for (const field of encryptList) {
    const value = body[field];
    if (typeof value !== 'string') throw new Error('a listed field is missing');
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: new Uint8Array(ivBytes) },
      aesKey,
      new Uint8Array(fromBase64(value)),
    );
    out[field] = utf8Decode(new Uint8Array(plain));
  }
  return out;
}

/**
 * Undoes FaceID's `Encryption` with SM4-GCM: unwraps the 16-byte SM4 key with the SM2 private key
 * (C1C3C2, C1 with its 04 prefix), then opens each listed field with the one 12-byte IV and the
 * tag at the same place in `TagList`. Throws on any failure, a wrong tag included.
 */
export function decryptSm4GcmFields(
  body: Record<string, unknown>,
  encryptList: readonly string[],
  encryption: { CiphertextBlob: string; Iv: string; TagList: unknown },
  privateKeyHex: string,
): Record<string, unknown> {
  const tags = encryption.TagList;
  if (!Array.isArray(tags) || tags.length !== encryptList.length) throw new Error('one tag per listed field');
  const wrapped = toHex(fromBase64(encryption.CiphertextBlob));
  if (!wrapped.startsWith('04')) throw new Error('C1 without its 04 prefix');
  const key = sm2.doDecrypt(wrapped.slice(2), privateKeyHex, 1, { output: 'array' });
  if (key.length !== 16) throw new Error('the wrapped key is not 16 bytes');
  const iv = fromBase64(encryption.Iv);
  if (iv.length !== 12) throw new Error('the IV is not 12 bytes');
  const out = { ...body };
  for (const [i, field] of encryptList.entries()) {
    const value = body[field];
    const tag = tags[i];
    if (typeof value !== 'string' || typeof tag !== 'string') throw new Error('a listed field or its tag is missing');
    const plain = sm4.decrypt(fromBase64(value), key, { mode: 'gcm', iv, tag: fromBase64(tag), output: 'array' });
    out[field] = utf8Decode(plain);
  }
  return out;
}

export { importRsaPrivateKey };
