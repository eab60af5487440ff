import { type BytesLike, toBytes } from './encoding.js';

/**
 * Compares two byte strings in time that depends only on their lengths, for
 * signatures, API keys and MACs. Strings are compared as their UTF-8 bytes.
 */
export function timingSafeEqual(a: BytesLike, b: BytesLike): boolean {
  const x = toBytes(a);
  const y = toBytes(b);
  // Walk the longer input in full so the loop length does not reveal where they differ.
  const length = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
