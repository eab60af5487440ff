import { PKCS1_KEM, type PublicKey } from 'micro-rsa-dsa-dh/rsa.js';
import { InvalidArgumentError } from '../errors.js';
import { fromBase64, fromBase64Url, fromHex, toBase64, toHex } from './encoding.js';
import { modPow } from './modpow.js';
import { bufferSource, webCrypto } from './subtle.js';

/**
 * RSA for provider protocols. WebCrypto parses the keys (SPKI / PKCS#8 PEM)
 * and does signatures; it has no RSAES-PKCS1-v1_5 *encryption*, which the
 * providers require. Encryption (a public-key operation, cheap) comes from
 * micro-rsa-dsa-dh (pure JS, audited noble family, runs on edge runtimes).
 * Decryption is ours: micro-rsa keeps only `{n, d}`, and a full-size
 * exponentiation made every forged notification cost ~15 ms of one core;
 * with the key's CRT parameters it is two half-size ones, about 4× faster.
 */

export type RsaPublicKey = PublicKey;
/** The private key with its CRT parameters (RFC 8017 §3.2, second form). */
export interface RsaPrivateKey {
  n: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
}

function pemBody(pem: string, label: string): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new InvalidArgumentError(`expected a PEM block "${label}"`);
  return fromBase64(match[1].replace(/\s+/g, ''));
}

const bigintOf = (b64url: string | undefined): bigint => BigInt(`0x${toHex(fromBase64Url(b64url ?? ''))}`);

/**
 * A PEM key imported by WebCrypto (which checks its DER): SPKI (`BEGIN PUBLIC KEY`) for the public
 * half, PKCS#8 (`BEGIN PRIVATE KEY`) for the private one, as `algorithm` for `use`.
 */
function importPem(
  pem: string,
  half: 'public' | 'private',
  algorithm: RsaHashedImportParams,
  use: KeyUsage,
  extractable = false,
): Promise<CryptoKey> {
  const [format, label] = half === 'public' ? (['spki', 'PUBLIC KEY'] as const) : (['pkcs8', 'PRIVATE KEY'] as const);
  return webCrypto().subtle.importKey(format, bufferSource(pemBody(pem, label)), algorithm, extractable, [use]);
}

/** A PEM key's JWK (its numbers). */
async function jwkOf(pem: string, half: 'public' | 'private'): Promise<JsonWebKey> {
  const oaep = { name: 'RSA-OAEP', hash: 'SHA-256' };
  const key = await importPem(pem, half, oaep, half === 'public' ? 'encrypt' : 'decrypt', true);
  return webCrypto().subtle.exportKey('jwk', key);
}

/** An SPKI (`BEGIN PUBLIC KEY`) PEM as `{n, e}`. */
export async function importRsaPublicKey(pem: string): Promise<RsaPublicKey> {
  const jwk = await jwkOf(pem, 'public');
  return { n: bigintOf(jwk.n), e: bigintOf(jwk.e) };
}

/** A PKCS#8 (`BEGIN PRIVATE KEY`) PEM as `{n, d}`. */
export async function importRsaPrivateKey(pem: string): Promise<RsaPrivateKey> {
  const jwk = await jwkOf(pem, 'private');
  if (!jwk.p || !jwk.q || !jwk.dp || !jwk.dq || !jwk.qi) {
    throw new InvalidArgumentError('the RSA private key lacks its CRT parameters');
  }
  return {
    n: bigintOf(jwk.n),
    d: bigintOf(jwk.d),
    p: bigintOf(jwk.p),
    q: bigintOf(jwk.q),
    dp: bigintOf(jwk.dp),
    dq: bigintOf(jwk.dq),
    qi: bigintOf(jwk.qi),
  };
}

/** Modulus length in bytes. */
export function rsaKeyBytes(key: { n: bigint }): number {
  return Math.ceil(key.n.toString(16).length / 2);
}

/** RSAES-PKCS1-v1_5 encryption of one block (at most key bytes − 11). */
export function rsaPkcs1Encrypt(key: RsaPublicKey, plaintext: Uint8Array): Uint8Array {
  return PKCS1_KEM.encrypt(key, plaintext);
}

/** m = c^d mod n by the Chinese remainder theorem (RFC 8017 §5.1.2, 2.b). */
function rsadp(key: RsaPrivateKey, c: bigint): bigint {
  const m1 = modPow(c % key.p, key.dp, key.p);
  const m2 = modPow(c % key.q, key.dq, key.q);
  let h = (key.qi * (m1 - m2)) % key.p;
  if (h < 0n) h += key.p;
  return m2 + h * key.q;
}

/**
 * RSAES-PKCS1-v1_5 decryption of one block (RFC 8017 §7.2.2); every failure
 * is the same `InvalidArgumentError`, whatever step it failed at.
 */
export function rsaPkcs1Decrypt(key: RsaPrivateKey, ciphertext: Uint8Array): Uint8Array {
  const k = rsaKeyBytes(key);
  const failed = () => new InvalidArgumentError('RSA decryption error');
  if (ciphertext.length !== k || k < 11) throw failed();
  const c = BigInt(`0x${toHex(ciphertext)}`);
  if (c >= key.n) throw failed();
  const em = fromHex(
    rsadp(key, c)
      .toString(16)
      .padStart(k * 2, '0'),
  );
  // EM = 0x00 || 0x02 || PS (at least 8 non-zero octets) || 0x00 || M
  const separator = em.indexOf(0, 2);
  if (em[0] !== 0 || em[1] !== 2 || separator < 10) throw failed();
  return em.slice(separator + 1);
}

const PKCS1_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/** SHA256withRSA (RSASSA-PKCS1-v1_5) keys on WebCrypto, for signing and verifying. */
export function importRsaSigningKey(pem: string): Promise<CryptoKey> {
  return importPem(pem, 'private', PKCS1_SHA256, 'sign');
}

export function importRsaVerifyingKey(pem: string): Promise<CryptoKey> {
  return importPem(pem, 'public', PKCS1_SHA256, 'verify');
}

/**
 * RSAES-PKCS1-v1_5 over data longer than one block: split into
 * (key bytes − 11)-byte segments, each encrypted on its own, the ciphertexts
 * concatenated — the convention of Chinese payment envelopes.
 */
export function rsaPkcs1EncryptSegmented(key: RsaPublicKey, plaintext: Uint8Array): Uint8Array {
  const k = rsaKeyBytes(key);
  const step = k - 11;
  const out = new Uint8Array(Math.ceil(plaintext.length / step) * k || k);
  let offset = 0;
  for (let i = 0; i === 0 || i < plaintext.length; i += step) {
    const block = rsaPkcs1Encrypt(key, plaintext.subarray(i, i + step));
    out.set(block, offset + (k - block.length));
    offset += k;
  }
  return out.subarray(0, offset);
}

/** The inverse of `rsaPkcs1EncryptSegmented`: key-size ciphertext blocks, decrypted and joined. */
export function rsaPkcs1DecryptSegmented(key: RsaPrivateKey, ciphertext: Uint8Array): Uint8Array {
  const k = rsaKeyBytes(key);
  if (ciphertext.length === 0 || ciphertext.length % k !== 0) {
    throw new InvalidArgumentError('ciphertext is not a whole number of RSA blocks');
  }
  const parts: Uint8Array[] = [];
  for (let i = 0; i < ciphertext.length; i += k) parts.push(rsaPkcs1Decrypt(key, ciphertext.subarray(i, i + k)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** SHA256withRSA signature, base64. */
export async function rsaSha256Sign(key: CryptoKey, data: Uint8Array): Promise<string> {
  return toBase64(new Uint8Array(await webCrypto().subtle.sign('RSASSA-PKCS1-v1_5', key, bufferSource(data))));
}

/** Verifies a base64 SHA256withRSA signature; malformed base64 is simply invalid. */
export async function rsaSha256Verify(key: CryptoKey, data: Uint8Array, signatureB64: string): Promise<boolean> {
  let signature: Uint8Array;
  try {
    signature = fromBase64(signatureB64);
  } catch {
    return false;
  }
  return webCrypto().subtle.verify('RSASSA-PKCS1-v1_5', key, bufferSource(signature), bufferSource(data));
}
