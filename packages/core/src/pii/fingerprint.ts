import { toBase64Url } from '../crypto/encoding.js';
import { hmacSha256, importHmacKey } from '../crypto/hmac.js';
import { type Masked, notPii } from './masked.js';

export type FingerprintKind = 'card' | 'id' | 'phone' | 'name' | 'verification' | 'ip' | 'user' | 'ticket-browser';

/**
 * Keyed fingerprints (HMAC-SHA-256 with a server-side key) of normalized PII,
 * for limits, de-duplication and caches: equal inputs give equal
 * fingerprints, but without the key nobody can test a guessed card or ID
 * against a stored value (a bare hash of an 18-digit ID is brute-forceable).
 * The kind is mixed in, so a card and an ID with equal digits differ.
 */
export class Fingerprinter {
  readonly #key: Promise<CryptoKey>;

  constructor(secret: string | Uint8Array) {
    if (secret.length < 16) throw new RangeError('Fingerprinter: the secret must be at least 16 bytes');
    this.#key = importHmacKey('SHA-256', secret);
  }

  async fingerprint(kind: FingerprintKind, normalizedValue: string): Promise<Masked> {
    const mac = await hmacSha256(await this.#key, `${kind}\u0000${normalizedValue}`);
    return notPii(`${kind}_${toBase64Url(mac)}`);
  }
}
