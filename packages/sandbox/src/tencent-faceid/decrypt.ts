import {
  fromBase64,
  importRsaPrivateKey,
  type RsaPrivateKey,
  rsaPkcs1Decrypt,
  utf8Decode,
} from '@cardbind/core/crypto';

/**
 * Undoes FaceID's `Encryption`: unwraps the AES key with the private key,
 * then decrypts each listed field (AES-256-CBC, PKCS#7). Throws on any
 * failure; the simulator answers that with FailedOperation.DecryptSystemError.
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

export { importRsaPrivateKey };
