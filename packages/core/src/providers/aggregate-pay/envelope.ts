import { fromBase64, toBase64, toBytes, utf8Decode } from '../../crypto/encoding.js';
import {
  type RsaPrivateKey,
  type RsaPublicKey,
  rsaPkcs1DecryptSegmented,
  rsaPkcs1EncryptSegmented,
} from '../../crypto/rsa.js';
import type { Envelope } from './api-types.js';

/** `reqmsg` = base64 of the JSON plaintext, RSA PKCS#1 v1.5 encrypted to the receiver in key-size segments. */
export function sealEnvelope(plain: object, customerNo: string, receiver: RsaPublicKey): Envelope {
  return { customerNo, reqmsg: toBase64(rsaPkcs1EncryptSegmented(receiver, toBytes(JSON.stringify(plain)))) };
}

/** Decrypts and parses an envelope's plaintext; throws on bad base64, padding, UTF-8 or JSON. */
export function openEnvelope(envelope: Envelope, own: RsaPrivateKey): Record<string, unknown> {
  const plain: unknown = JSON.parse(utf8Decode(rsaPkcs1DecryptSegmented(own, fromBase64(envelope.reqmsg))));
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain))
    throw new TypeError('plaintext is not an object');
  return plain as Record<string, unknown>;
}

export function isEnvelope(value: unknown): value is Envelope {
  const v = value as Partial<Envelope> | null;
  return typeof v === 'object' && v !== null && typeof v.customerNo === 'string' && typeof v.reqmsg === 'string';
}
