/** Fresh secrets for a configuration: a signing key, an API key and its hash, a fingerprint secret. */
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';

export type Mode = 'test' | 'live';

/** `sk_test_…` / `sk_live_…`: 32 random bytes, base64url. Shown once; the config keeps its SHA-256. */
export function newApiKey(mode: Mode): string {
  return `sk_${mode}_${randomBytes(32).toString('base64url')}`;
}

export function apiKeySha256(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** 48 random bytes, base64url (64 characters): the HMAC key of card / ID fingerprints. */
export function newFingerprintSecret(): string {
  return randomBytes(48).toString('base64url');
}

export interface SigningKey {
  kid: string;
  privateJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };
  verifyUntil?: string;
}

/** A fresh ES256 (P-256) key; its kid names the day it was made. */
export async function newSigningKey(now = new Date()): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    kid: `k${day}-${randomBytes(3).toString('hex')}`,
    privateJwk: { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y), d: String(jwk.d) },
  };
}
