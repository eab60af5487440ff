/**
 * SHA-256 and HMAC-SHA-256 computed synchronously (@noble/hashes: pure JS,
 * audited). For the small inputs of request signing and fingerprints they are
 * several times cheaper than WebCrypto, whose cost is mostly the async job
 * dispatch: measured at 8–10 µs against 70–120 µs per operation on Node
 * (`bench/hash.bench.ts` prints both).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { type BytesLike, toBytes } from './encoding.js';

export function sha256Sync(data: BytesLike): Uint8Array {
  return sha256(toBytes(data));
}

export function hmacSha256Sync(key: BytesLike, data: BytesLike): Uint8Array {
  return hmac(sha256, toBytes(key), toBytes(data));
}

/** A key whose HMAC state is prepared once: each MAC then costs only the message. */
export class HmacSha256Key {
  readonly #prepared: ReturnType<typeof hmac.create>;

  constructor(key: BytesLike) {
    this.#prepared = hmac.create(sha256, toBytes(key));
  }

  mac(data: BytesLike): Uint8Array {
    return this.#prepared.clone().update(toBytes(data)).digest();
  }
}
