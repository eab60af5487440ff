/**
 * `cardbind check`: everything the BFF would refuse at start-up (the schema),
 * plus what it cannot know: placeholders left in, keys that do not import,
 * routes to providers that are not configured. Names paths, never values.
 */
import { importJWK } from 'jose';
import { type Config, ConfigError, parseConfig } from '../config/schema.js';
import { PLACEHOLDER } from './init.js';

export interface CheckReport {
  problems: string[];
  warnings: string[];
  config?: Config;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function placeholders(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes(PLACEHOLDER) ? [`${path.join('.')}: still a placeholder`] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => placeholders(v, [...path, k]));
}

export async function check(input: unknown, now = new Date()): Promise<CheckReport> {
  const problems = placeholders(input);
  const warnings: string[] = [];
  let config: Config;
  try {
    config = parseConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: [...problems, ...error.problems], warnings };
  }
  for (const [i, key] of config.signingKeys.entries()) {
    try {
      await importJWK({ ...key.privateJwk, alg: 'ES256' }, 'ES256');
    } catch {
      problems.push(`signingKeys.${i}.privateJwk: not a P-256 private key`);
    }
    if (key.verifyUntil && Date.parse(key.verifyUntil) < now.getTime()) {
      if (i === 0) problems.push('signingKeys.0.verifyUntil: the signing key has expired; run `cardbind keys rotate`');
      else warnings.push(`signingKeys.${i}: retired since ${key.verifyUntil}; \`cardbind keys rotate\` removes it`);
    }
  }
  const configured = new Set(Object.keys(config.providers));
  for (const [capability, ids] of Object.entries(config.routing)) {
    for (const id of ids) {
      if (!configured.has(id)) problems.push(`routing.${capability}: ${id} is not configured under providers`);
    }
  }
  if (configured.size === 0) {
    warnings.push(
      'providers: none configured. `cardbind dev` runs this with the sandbox simulators; production needs live providers (docs/going-live.md)',
    );
  }
  const publicUrl = new URL(config.publicUrl);
  if (publicUrl.protocol === 'http:' && !LOOPBACK.has(publicUrl.hostname)) {
    warnings.push('publicUrl: plain http outside loopback; browsers and providers should reach the BFF over https');
  }
  for (const [i, merchant] of config.merchants.entries()) {
    for (const [j, origin] of merchant.allowedOrigins.entries()) {
      if (new URL(origin).origin !== origin.replace(/\/$/, '')) {
        warnings.push(`merchants.${i}.allowedOrigins.${j}: only the origin counts (scheme, host, port)`);
      }
    }
  }
  return { problems, warnings, config };
}
