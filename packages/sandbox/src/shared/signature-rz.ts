import { timingSafeEqual } from '@cardbind/core/crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sortedFieldText } from './sorted-fields.js';

/**
 * The RZ `sign`, as the RZ simulator checks requests and signs its answers:
 * written here from the convention the provider's README states, apart from
 * core's signer, so that a bug in core's signer fails a sandbox test instead of
 * agreeing with itself.
 *
 *   text = the fields other than `sign` whose value is not empty, sorted by
 *          name, `name=value` joined by `&` (an object's fields flattened as
 *          `data.status=…`), then `&key=<merchant key>`
 *   sign = upper-case hex of MD5(text), or of HMAC-SHA-256(merchant key, text)
 */
export type RzSignMethod = 'MD5' | 'HMAC-SHA256';

/** The text that is hashed, key included. */
export function rzSignText(fields: Readonly<Record<string, unknown>>, key: string): string {
  return `${sortedFieldText(fields)}&key=${key}`;
}

export function rzSignature(fields: Readonly<Record<string, unknown>>, key: string, method: RzSignMethod): string {
  const text = utf8ToBytes(rzSignText(fields, key));
  const digest = method === 'MD5' ? md5(text) : hmac(sha256, utf8ToBytes(key), text);
  return bytesToHex(digest).toUpperCase();
}

/** Whether `fields.sign` is the signature of the other fields (case-insensitive hex, compared in constant time). */
export function rzSignatureMatches(
  fields: Readonly<Record<string, unknown>>,
  key: string,
  method: RzSignMethod,
): boolean {
  if (typeof fields.sign !== 'string') return false;
  return timingSafeEqual(rzSignature(fields, key, method), fields.sign.toUpperCase());
}
