import { fromBase64, toHex } from '../../crypto/encoding.js';
import { InvalidArgumentError } from '../../errors.js';

/** An SM2 public key: the uncompressed point `04 ‖ x ‖ y` (65 bytes), as hex for sm-crypto-v2. */
export interface Sm2PublicKey {
  readonly pointHex: string;
}

/** DER of OID 1.2.156.10197.1.301 (sm2p256v1), tag and length included. */
const SM2_CURVE_OID = [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];

/**
 * The SM2 public key of an SPKI PEM, as the FaceID console gives it: SEQUENCE { SEQUENCE {
 * algorithm OID, curve OID sm2p256v1 }, BIT STRING 04 ‖ x ‖ y }. Only that shape is accepted.
 */
export function parseSm2PublicKey(pem: string): Sm2PublicKey {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----|\s+/g, '');
  let der: Uint8Array;
  try {
    der = fromBase64(body);
  } catch (cause) {
    throw new InvalidArgumentError('SM2 public key: not a PEM', { cause });
  }
  const fail = () => new InvalidArgumentError('SM2 public key: not an SPKI of an uncompressed sm2p256v1 point');
  // Short-form lengths throughout: the whole structure is 91 bytes.
  if (der[0] !== 0x30 || der[1] !== der.length - 2 || der[2] !== 0x30) throw fail();
  const algorithmEnd = 4 + (der[3] ?? 0);
  const algorithm = der.subarray(4, algorithmEnd);
  const curve = algorithm.subarray(algorithm.length - SM2_CURVE_OID.length);
  if (!SM2_CURVE_OID.every((byte, i) => curve[i] === byte)) throw fail();
  const bits = der.subarray(algorithmEnd);
  // BIT STRING of 66 bytes: no unused bits, then the 65-byte uncompressed point.
  if (bits[0] !== 0x03 || bits[1] !== 66 || bits[2] !== 0x00 || bits[3] !== 0x04 || bits.length !== 68) throw fail();
  return { pointHex: toHex(bits.subarray(3)) };
}
