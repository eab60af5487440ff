import { toBase64, toBytes } from '../../crypto/encoding.js';
import { randomInt } from '../../crypto/random.js';
import { type RsaPublicKey, rsaPkcs1Encrypt } from '../../crypto/rsa.js';
import { bufferSource, webCrypto } from '../../crypto/subtle.js';
import type { CallContext } from '../../provider/types.js';
import type { EncryptableField, FaceIdBankCardRequest, FaceIdEncryption } from './api-types.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric ASCII key, as the API expects (32 characters for AES-256), from the CSPRNG. */
function asciiKey(length: number, ctx: CallContext): string {
  let key = '';
  for (let i = 0; i < length; i++) key += ALPHANUMERIC[randomInt(ALPHANUMERIC.length, ctx.randomBytes)];
  return key;
}

/**
 * Encrypts the listed fields in place with AES-256-CBC (PKCS#7) under a fresh
 * key and IV, and wraps the key with RSA PKCS#1 v1.5 to FaceID's public key.
 * One IV serves all fields: the API has a single `Iv` parameter.
 */
export async function encryptFields(
  body: FaceIdBankCardRequest,
  fields: readonly EncryptableField[],
  publicKey: RsaPublicKey,
  ctx: CallContext,
): Promise<FaceIdBankCardRequest> {
  const key = asciiKey(32, ctx);
  const iv = ctx.randomBytes(16);
  const aesKey = await webCrypto().subtle.importKey('raw', bufferSource(toBytes(key)), 'AES-CBC', false, ['encrypt']);
  const out: FaceIdBankCardRequest = { ...body };
  for (const field of fields) {
    const plain = body[field];
    if (typeof plain !== 'string') continue;
    const cipher = await webCrypto().subtle.encrypt(
      { name: 'AES-CBC', iv: bufferSource(iv) },
      aesKey,
      bufferSource(toBytes(plain)),
    );
    out[field] = toBase64(new Uint8Array(cipher));
  }
  const Encryption: FaceIdEncryption = {
    EncryptList: fields.filter((f) => typeof body[f] === 'string'),
    CiphertextBlob: toBase64(rsaPkcs1Encrypt(publicKey, toBytes(key))),
    Iv: toBase64(iv),
    Algorithm: 'AES-256-CBC',
  };
  return { ...out, Encryption };
}
