import { toBase64Url } from '../crypto/encoding.js';
import { HmacSha256Key } from '../crypto/sync-hash.js';
import { type Masked, notPii } from './masked.js';

export type FingerprintKind =
  | 'card'
  | 'id'
  | 'phone'
  | 'name'
  | 'verification'
  | 'bind'
  | 'ip'
  | 'user'
  | 'ticket-browser'
  | 'hosted-browser';

/**
 * Keyed fingerprints (HMAC-SHA-256 with a server-side key) of normalized PII,
 * for limits, de-duplication and caches: equal inputs give equal
 * fingerprints, but without the key nobody can test a guessed card or ID
 * against a stored value (a bare hash of an 18-digit ID is brute-forceable).
 * The kind is mixed in, so a card and an ID with equal digits differ.
 */
export class Fingerprinter {
  readonly #key: HmacSha256Key;

  constructor(secret: string | Uint8Array) {
    if (secret.length < 16) throw new RangeError('Fingerprinter: the secret must be at least 16 bytes');
    this.#key = new HmacSha256Key(secret);
  }

  /** Synchronous: a small HMAC costs less than WebCrypto's async dispatch (see crypto/sync-hash.ts). */
  fingerprint(kind: FingerprintKind, normalizedValue: string): Masked {
    return notPii(`${kind}_${toBase64Url(this.#key.mac(`${kind}\u0000${normalizedValue}`))}`);
  }
}
