import { sm2, sm4 } from 'sm-crypto-v2';
import { fromHex } from '../../crypto/encoding.js';
import type { Sm2PublicKey } from './sm2-key.js';

/**
 * SM2 public-key encryption (GB/T 32918.4) in C1C3C2 order, C1 with its 04 prefix: how FaceID's
 * crypto tools wrap the SM4 key they send as `CiphertextBlob`.
 */
export function sm2Encrypt(publicKey: Sm2PublicKey, data: Uint8Array): Uint8Array {
  // sm-crypto-v2 answers hex without the point's 04 prefix.
  return fromHex(`04${sm2.doEncrypt(data, publicKey.pointHex, 1)}`);
}

/** SM4-GCM with a 128-bit tag and no associated data, as FaceID uses it. */
export function sm4GcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
): { ciphertext: Uint8Array; tag: Uint8Array } {
  const { output, tag } = sm4.encrypt(plaintext, key, { mode: 'gcm', iv, output: 'array', outputTag: true });
  if (!tag) throw new Error('sm4-gcm: no tag');
  return { ciphertext: output, tag };
}
