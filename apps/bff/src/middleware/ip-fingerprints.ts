import { KeyCache } from '@cardbind/core/crypto';
import type { Fingerprinter, Masked } from '@cardbind/core/pii';

/** How many client IPs' fingerprints are remembered: a busy instance's recent clients. */
export const REMEMBERED_IPS = 4096;

/**
 * The keyed fingerprint of a client IP, remembered for the IPs seen lately.
 * Every limited request needs one and the same clients come back: a lookup
 * costs nothing where an HMAC costs ~6 µs and ~4 KiB of garbage. Bounded
 * (the oldest goes first) and in this process's memory only: the store sees
 * the fingerprint alone.
 */
export function ipFingerprints(fingerprints: Fingerprinter, remembered = REMEMBERED_IPS): (ip: string) => Masked {
  const known = new KeyCache<Masked>(remembered);
  return (ip) => known.get(ip, () => fingerprints.fingerprint('ip', ip));
}
