import { sha256, timingSafeEqual, toHex } from '@cardbind/core/crypto';
import type { Config } from '../config/schema.js';

/**
 * Merchant API keys are configured as SHA-256 hashes and compared in
 * constant time; every configured merchant is checked so timing does not
 * tell which one nearly matched.
 */
export async function merchantForApiKey(config: Config, apiKey: string): Promise<string | undefined> {
  const digest = toHex(await sha256(apiKey));
  let found: string | undefined;
  for (const m of config.merchants) if (timingSafeEqual(digest, m.apiKeySha256)) found = m.id;
  return found;
}

/** The operator key, configured as its SHA-256 like the merchants' keys. */
export async function operatorKeyMatches(key: string, expectedSha256: string): Promise<boolean> {
  return timingSafeEqual(toHex(await sha256(key)), expectedSha256);
}
