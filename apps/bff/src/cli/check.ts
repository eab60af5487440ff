/**
 * `cardbind check`: everything the BFF would refuse at start-up (the schema),
 * plus what it cannot know: placeholders left in, keys that do not import,
 * routes to providers that are not configured or do not offer the capability.
 * Names paths, never values.
 */

import { type Capability, canServe, type Provider } from '@cardbind/core/contract';
import { importRsaPrivateKey, importRsaPublicKey } from '@cardbind/core/crypto';
import { ConfigurationError } from '@cardbind/core/errors';
import { importFaceIdEncryptionKey } from '@cardbind/core/providers/tencent-faceid/internal';
import { importJWK } from 'jose';
import { type Config, ConfigError, configWarnings, parseConfig } from '../config/schema.js';
import { recipientsFor } from '../providers/recipients.js';
import { buildProviders } from '../providers/registry.js';
import { PLACEHOLDER } from './init.js';
import { isLoopbackHttp } from './loopback.js';

export interface CheckReport {
  problems: string[];
  warnings: string[];
  config?: Config;
}

function placeholders(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes(PLACEHOLDER) ? [`${path.join('.')}: still a placeholder`] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => placeholders(v, [...path, k]));
}

export async function check(input: unknown, now = new Date()): Promise<CheckReport> {
  const problems = placeholders(input);
  const leftIn = problems.length;
  const warnings: string[] = [];
  let config: Config;
  try {
    config = parseConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: [...problems, ...error.problems], warnings };
  }
  warnings.push(...configWarnings(config));
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
  // Keys a provider imports only when first used: a bad one would surface at the first call.
  const { 'tencent-faceid': faceid, 'aggregate-pay': agg } = config.providers;
  const sm4 = faceid?.encryptionAlgorithm === 'SM4-GCM';
  const keys: [path: string, pem: string | undefined, load: (pem: string) => Promise<unknown>, kind: string][] = [
    [
      'tencent-faceid.encryptionPublicKey',
      faceid?.encryptionPublicKey,
      (pem) => importFaceIdEncryptionKey(pem, faceid?.encryptionAlgorithm),
      sm4 ? 'an SM2 public key (SPKI PEM) for SM4-GCM' : 'an RSA public key (SPKI PEM)',
    ],
    ['aggregate-pay.platformPublicKey', agg?.platformPublicKey, importRsaPublicKey, 'an RSA public key (SPKI PEM)'],
    [
      'aggregate-pay.merchantPrivateKey',
      agg?.merchantPrivateKey,
      importRsaPrivateKey,
      'an RSA private key (PKCS#8 PEM)',
    ],
  ];
  for (const [path, pem, load, kind] of keys) {
    if (pem === undefined || pem.includes(PLACEHOLDER)) continue;
    try {
      await load(pem);
    } catch {
      problems.push(`providers.${path}: not ${kind}`);
    }
  }
  let providers = new Map<string, Provider>();
  try {
    providers = buildProviders(config);
  } catch (error) {
    // Placeholders left in are the reason (listed already); otherwise say what the provider said.
    if (leftIn === 0) {
      const why = error instanceof ConfigurationError ? error.message : 'a key or setting does not parse';
      problems.push(`providers: ${why}`);
    }
  }
  for (const id of Object.keys(config.notifyFrom)) {
    if (!(id in config.providers)) problems.push(`notifyFrom.${id}: not configured under providers`);
  }
  for (const [capability, ids] of Object.entries(config.routing)) {
    for (const id of ids) {
      const provider = providers.get(id);
      if (!provider) {
        if (!(id in config.providers)) problems.push(`routing.${capability}: ${id} is not configured under providers`);
      }
      // The router skips such a provider: a route to it alone answers NO_PROVIDER.
      else if (!canServe(provider, capability as Capability)) {
        problems.push(`routing.${capability}: ${id} does not offer ${capability}`);
      }
    }
  }
  for (const op of ['verify2', 'verify3', 'verify4'] as const) {
    if (config.routing[op].length > 0 && !recipientsFor(config, [op])) {
      warnings.push(
        `routing.${op}: a provider's company is not known, so the consent cannot name every recipient (the widget names its \`provider\` option instead); name it in providerNames`,
      );
    }
  }
  if (Object.keys(config.providers).length === 0) {
    warnings.push(
      'providers: none configured. `cardbind dev` runs this with the sandbox simulators; production needs live providers (docs/going-live.md)',
    );
  }
  const publicUrl = new URL(config.publicUrl);
  if (publicUrl.protocol === 'http:' && !isLoopbackHttp(publicUrl)) {
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
