import { toHex } from '../../crypto/encoding.js';
import { hmacSha256 } from '../../crypto/hmac.js';
import { md5 } from '../../crypto/md5.js';
import { timingSafeEqual } from '../../crypto/timing-safe-equal.js';
import { sortedFieldString } from '../shared/sorted-fields.js';
import type { RzSignType } from './api-types.js';

/**
 * `sign` = upper-case hex of MD5 (or HMAC-SHA-256 keyed with the merchant
 * key) over the sorted non-empty fields followed by `&key=<merchant key>`.
 * RZ's document gives no signing rule: this is the prevailing convention of
 * Chinese payment APIs. Responses are signed the same way, `data` flattened
 * as `data.status=…`.
 */
export async function rzSign(
  fields: Readonly<Record<string, unknown>>,
  key: string,
  type: RzSignType,
): Promise<string> {
  const text = `${sortedFieldString(fields)}&key=${key}`;
  const digest = type === 'MD5' ? md5(text) : await hmacSha256(key, text);
  return toHex(digest).toUpperCase();
}

export async function rzVerify(
  fields: Readonly<Record<string, unknown>> & { sign?: unknown },
  key: string,
  type: RzSignType,
): Promise<boolean> {
  if (typeof fields.sign !== 'string') return false;
  return timingSafeEqual(await rzSign(fields, key, type), fields.sign.toUpperCase());
}
