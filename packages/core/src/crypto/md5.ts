import { md5 as nobleMd5 } from '@noble/hashes/legacy.js';
import { type BytesLike, toBytes } from './encoding.js';

/**
 * MD5, which WebCrypto lacks and Chinese payment APIs still use for signing
 * (never for anything else here). From @noble/hashes: pure JS, audited.
 */
export function md5(data: BytesLike): Uint8Array {
  return nobleMd5(toBytes(data));
}
