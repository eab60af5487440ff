import { PKCS1_KEM, type PrivateKey, type PublicKey } from 'micro-rsa-dsa-dh/rsa.js';
import { InvalidArgumentError } from '../errors.js';
import { fromBase64, fromBase64Url, toHex } from './encoding.js';
import { bufferSource, webCrypto } from './subtle.js';

/**
 * RSA for provider protocols. WebCrypto parses the keys (SPKI / PKCS#8 PEM)
 * and does signatures; it has no RSAES-PKCS1-v1_5 *encryption*, which the
 * providers require, so that comes from micro-rsa-dsa-dh (pure JS, audited
 * noble family, runs on edge runtimes).
 */

export type RsaPublicKey = PublicKey;
export type RsaPrivateKey = PrivateKey;

function pemBody(pem: string, label: string): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new InvalidArgumentError(`expected a PEM block "${label}"`);
  return fromBase64(match[1].replace(/\s+/g, ''));
}

const bigintOf = (b64url: string | undefined): bigint => BigInt(`0x${toHex(fromBase64Url(b64url ?? ''))}`);

/** An SPKI (`BEGIN PUBLIC KEY`) PEM as `{n, e}`. */
export async function importRsaPublicKey(pem: string): Promise<RsaPublicKey> {
  const key = await webCrypto().subtle.importKey(
    'spki',
    bufferSource(pemBody(pem, 'PUBLIC KEY')),
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    true,
    ['encrypt'],
  );
  const jwk = await webCrypto().subtle.exportKey('jwk', key);
  return { n: bigintOf(jwk.n), e: bigintOf(jwk.e) };
}

/** A PKCS#8 (`BEGIN PRIVATE KEY`) PEM as `{n, d}`. */
export async function importRsaPrivateKey(pem: string): Promise<RsaPrivateKey> {
  const key = await webCrypto().subtle.importKey(
    'pkcs8',
    bufferSource(pemBody(pem, 'PRIVATE KEY')),
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    true,
    ['decrypt'],
  );
  const jwk = await webCrypto().subtle.exportKey('jwk', key);
  return { n: bigintOf(jwk.n), d: bigintOf(jwk.d) };
}

/** Modulus length in bytes. */
export function rsaKeyBytes(key: { n: bigint }): number {
  return Math.ceil(key.n.toString(16).length / 2);
}

/** RSAES-PKCS1-v1_5 encryption of one block (at most key bytes − 11). */
export function rsaPkcs1Encrypt(key: RsaPublicKey, plaintext: Uint8Array): Uint8Array {
  return PKCS1_KEM.encrypt(key, plaintext);
}

/** RSAES-PKCS1-v1_5 decryption of one block; throws on bad padding. */
export function rsaPkcs1Decrypt(key: RsaPrivateKey, ciphertext: Uint8Array): Uint8Array {
  return PKCS1_KEM.decrypt(key, ciphertext);
}

/** SHA256withRSA (RSASSA-PKCS1-v1_5) keys on WebCrypto, for signing and verifying. */
export function importRsaSigningKey(pem: string): Promise<CryptoKey> {
  return webCrypto().subtle.importKey(
    'pkcs8',
    bufferSource(pemBody(pem, 'PRIVATE KEY')),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

export function importRsaVerifyingKey(pem: string): Promise<CryptoKey> {
  return webCrypto().subtle.importKey(
    'spki',
    bufferSource(pemBody(pem, 'PUBLIC KEY')),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['verify'],
  );
}
