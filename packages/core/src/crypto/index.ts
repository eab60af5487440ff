export { type DigestAlgorithm, digest, sha256 } from './digest.js';
export {
  type BytesLike,
  fromBase64,
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toBytes,
  toHex,
  utf8Decode,
} from './encoding.js';
export { type HmacHash, hmac, hmacSha1, hmacSha256, importHmacKey } from './hmac.js';
export { KeyCache } from './key-cache.js';
export { md5 } from './md5.js';
export { randomBytes, randomInt } from './random.js';
export {
  importRsaPrivateKey,
  importRsaPublicKey,
  importRsaSigningKey,
  importRsaVerifyingKey,
  type RsaPrivateKey,
  type RsaPublicKey,
  rsaKeyBytes,
  rsaPkcs1Decrypt,
  rsaPkcs1DecryptSegmented,
  rsaPkcs1Encrypt,
  rsaPkcs1EncryptSegmented,
  rsaSha256Sign,
  rsaSha256Verify,
} from './rsa.js';
export { webCrypto } from './subtle.js';
export { HmacSha256Key, hmacSha256Sync, sha256Sync } from './sync-hash.js';
export { timingSafeEqual } from './timing-safe-equal.js';
