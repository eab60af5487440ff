import { type BytesLike, toBytes } from './encoding.js';
import { bufferSource, webCrypto } from './subtle.js';

export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export async function digest(algorithm: DigestAlgorithm, data: BytesLike): Promise<Uint8Array> {
  const out = await webCrypto().subtle.digest(algorithm, bufferSource(toBytes(data)));
  return new Uint8Array(out);
}

export function sha256(data: BytesLike): Promise<Uint8Array> {
  return digest('SHA-256', data);
}
