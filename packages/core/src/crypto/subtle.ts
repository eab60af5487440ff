import { CryptoUnavailableError } from '../errors.js';

/** The runtime's WebCrypto, or a typed error where there is none. */
export function webCrypto(): Crypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.subtle) throw new CryptoUnavailableError();
  return c;
}

/** Copies into a fresh ArrayBuffer-backed view, as some runtimes reject shared or offset views. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
}
