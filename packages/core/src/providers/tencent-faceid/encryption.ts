import type { CallContext } from '../../contract/types.js';
import { toBase64, toBytes } from '../../crypto/encoding.js';
import { randomInt } from '../../crypto/random.js';
import { importRsaPublicKey, type RsaPublicKey, rsaPkcs1Encrypt } from '../../crypto/rsa.js';
import { bufferSource, webCrypto } from '../../crypto/subtle.js';
import type { EncryptableField, FaceIdBankCardRequest, FaceIdEncryption } from './api-types.js';
import { parseSm2PublicKey, type Sm2PublicKey } from './sm2-key.js';
import { sm2Encrypt, sm4GcmEncrypt } from './sm4-gcm.js';

/** The two algorithms of FaceID's `Encryption`. */
export type FaceIdEncryptionAlgorithm = 'AES-256-CBC' | 'SM4-GCM';

/** The console's public key, for the algorithm it goes with: RSA for AES-256-CBC, SM2 for SM4-GCM. */
export type FaceIdEncryptionKey =
  | { algorithm: 'AES-256-CBC'; publicKey: RsaPublicKey }
  | { algorithm: 'SM4-GCM'; publicKey: Sm2PublicKey };

/** Reads the console's public key (SPKI PEM) for `algorithm`. */
export async function importFaceIdEncryptionKey(
  pem: string,
  algorithm: FaceIdEncryptionAlgorithm = 'AES-256-CBC',
): Promise<FaceIdEncryptionKey> {
  return algorithm === 'SM4-GCM'
    ? { algorithm, publicKey: parseSm2PublicKey(pem) }
    : { algorithm, publicKey: await importRsaPublicKey(pem) };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric ASCII key, as the API expects (32 characters for AES-256), from the CSPRNG. */
function asciiKey(length: number, ctx: CallContext): string {
  let key = '';
  for (let i = 0; i < length; i++) key += ALPHANUMERIC[randomInt(ALPHANUMERIC.length, ctx.randomBytes)];
  return key;
}

/**
 * Encrypts the listed fields the body carries under a fresh key, wrapped to FaceID's public key,
 * and adds the `Encryption` that says how. One IV serves all fields: the API has a single `Iv`.
 */
export async function encryptFields(
  body: FaceIdBankCardRequest,
  fields: readonly EncryptableField[],
  key: FaceIdEncryptionKey,
  ctx: CallContext,
): Promise<FaceIdBankCardRequest> {
  const present = fields.filter((f) => typeof body[f] === 'string');
  return key.algorithm === 'SM4-GCM'
    ? sm4GcmFields(body, present, key.publicKey, ctx)
    : aesCbcFields(body, present, key.publicKey, ctx);
}

/** AES-256-CBC (PKCS#7) under a 32-character key, wrapped with RSA PKCS#1 v1.5; a 16-byte IV. */
async function aesCbcFields(
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
    const cipher = await webCrypto().subtle.encrypt(
      { name: 'AES-CBC', iv: bufferSource(iv) },
      aesKey,
      bufferSource(toBytes(body[field] as string)),
    );
    out[field] = toBase64(new Uint8Array(cipher));
  }
  const Encryption: FaceIdEncryption = {
    EncryptList: [...fields],
    CiphertextBlob: toBase64(rsaPkcs1Encrypt(publicKey, toBytes(key))),
    Iv: toBase64(iv),
    Algorithm: 'AES-256-CBC',
  };
  return { ...out, Encryption };
}

/**
 * SM4-GCM under a 16-byte key, wrapped with SM2 (C1C3C2); a 12-byte IV and one tag per field in
 * `TagList`, in `EncryptList` order. The single `Iv` means the fields of one request share a GCM
 * nonce under one key: the API's design. The key is fresh per request, so nothing is shared
 * between requests.
 */
function sm4GcmFields(
  body: FaceIdBankCardRequest,
  fields: readonly EncryptableField[],
  publicKey: Sm2PublicKey,
  ctx: CallContext,
): FaceIdBankCardRequest {
  const key = ctx.randomBytes(16);
  const iv = ctx.randomBytes(12);
  const out: FaceIdBankCardRequest = { ...body };
  const tags: string[] = [];
  for (const field of fields) {
    const { ciphertext, tag } = sm4GcmEncrypt(key, iv, toBytes(body[field] as string));
    out[field] = toBase64(ciphertext);
    tags.push(toBase64(tag));
  }
  const Encryption: FaceIdEncryption = {
    EncryptList: [...fields],
    CiphertextBlob: toBase64(sm2Encrypt(publicKey, key)),
    Iv: toBase64(iv),
    Algorithm: 'SM4-GCM',
    TagList: tags,
  };
  return { ...out, Encryption };
}
