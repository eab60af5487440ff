/**
 * `cardbind keys rotate`: a fresh signing key goes first (it signs from the
 * next start); the previous one keeps verifying until every token it signed
 * has expired, plus a margin for cached JWKS; keys past their window go.
 */
import { newSigningKey, type SigningKey } from './secrets.js';

export interface RotateResult {
  config: Record<string, unknown>;
  added: string;
  retiring: { kid: string; verifyUntil: string }[];
  removed: string[];
}

export async function rotateSigningKeys(
  config: Record<string, unknown>,
  verifyForSeconds: number,
  now = new Date(),
): Promise<RotateResult> {
  const keys = Array.isArray(config.signingKeys) ? (config.signingKeys as SigningKey[]) : [];
  const fresh = await newSigningKey(now);
  const until = new Date(now.getTime() + verifyForSeconds * 1000).toISOString();
  const removed: string[] = [];
  const kept: SigningKey[] = [];
  for (const key of keys) {
    if (key.verifyUntil && Date.parse(key.verifyUntil) <= now.getTime()) removed.push(key.kid);
    else kept.push(key.verifyUntil ? key : { ...key, verifyUntil: until });
  }
  return {
    config: { ...config, signingKeys: [fresh, ...kept] },
    added: fresh.kid,
    retiring: kept.map((k) => ({ kid: k.kid, verifyUntil: k.verifyUntil ?? until })),
    removed,
  };
}
