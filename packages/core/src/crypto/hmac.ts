import { type BytesLike, toBytes } from './encoding.js';
import { bufferSource, webCrypto } from './subtle.js';

export type HmacHash = 'SHA-1' | 'SHA-256';

/** Imports raw key bytes as a WebCrypto HMAC key (sign-only, non-extractable). */
export function importHmacKey(hash: HmacHash, key: BytesLike): Promise<CryptoKey> {
  return webCrypto().subtle.importKey('raw', bufferSource(toBytes(key)), { name: 'HMAC', hash }, false, ['sign']);
}

export async function hmac(hash: HmacHash, key: BytesLike | CryptoKey, data: BytesLike): Promise<Uint8Array> {
  // Anything that is neither text nor bytes is an imported key.
  const cryptoKey = typeof key === 'string' || key instanceof Uint8Array ? await importHmacKey(hash, key) : key;
  const mac = await webCrypto().subtle.sign('HMAC', cryptoKey, bufferSource(toBytes(data)));
  return new Uint8Array(mac);
}

export function hmacSha256(key: BytesLike | CryptoKey, data: BytesLike): Promise<Uint8Array> {
  return hmac('SHA-256', key, data);
}

export function hmacSha1(key: BytesLike | CryptoKey, data: BytesLike): Promise<Uint8Array> {
  return hmac('SHA-1', key, data);
}
