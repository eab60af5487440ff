import { toBase64 } from '../../crypto/encoding.js';
import { hmac, importHmacKey } from '../../crypto/hmac.js';
import { KeyCache } from '../../crypto/key-cache.js';

/** Tencent Cloud API 2.0 signature methods; HmacSHA256 is the default we send. */
export type V2SignatureMethod = 'HmacSHA1' | 'HmacSHA256';

/**
 * The API 2.0 string to sign: METHOD + host + path + `?` + the parameters
 * (Signature left out), names with `_` replaced by `.`, sorted by byte order,
 * joined raw (not URL-encoded).
 */
export function v2StringToSign(
  method: string,
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
): string {
  const pairs = Object.entries(params)
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]): [string, string] => [name.replace(/_/g, '.'), value])
    // Byte order: plain code-unit comparison, uppercase before lowercase.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${method.toUpperCase()}${host}${path}?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`;
}

/** Base64 HMAC of the string to sign with the SecretKey: SHA-256 for HmacSHA256, otherwise SHA-1. */
export async function v2Signature(
  secretKey: string,
  stringToSign: string,
  method: V2SignatureMethod = 'HmacSHA256',
): Promise<string> {
  const hash = method === 'HmacSHA256' ? 'SHA-256' : 'SHA-1';
  const key = await importedKeys.get(`${hash}\n${secretKey}`, () => importHmacKey(hash, secretKey));
  return toBase64(await hmac(hash, key, stringToSign));
}

// Importing the key costs more than the HMAC: keep it per secret.
const importedKeys = new KeyCache<Promise<CryptoKey>>();
