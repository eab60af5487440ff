import { webCrypto } from './subtle.js';

/** `length` bytes from the runtime's CSPRNG. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < length; i += 65536) webCrypto().getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

/** A uniformly random integer in [0, max), by rejection sampling (no modulo bias). */
export function randomInt(max: number, source: (length: number) => Uint8Array = randomBytes): number {
  if (!Number.isInteger(max) || max <= 0 || max > 2 ** 32) throw new RangeError('randomInt: max must be in (0, 2^32]');
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (;;) {
    const b = source(4);
    const n = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
    if (n < limit) return n % max;
  }
}
