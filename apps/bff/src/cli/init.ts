/**
 * `cardbind init`: writes a working configuration with fresh secrets. The API
 * key is printed once; the file keeps only its SHA-256.
 */
import { SANDBOX_PROVIDER_NAMES, SANDBOX_ROUTING, sandboxProviderConfigs, sandboxUrls } from '@cardbind/sandbox';
import { CONFIG_SCHEMA_VERSION } from '../config/versions.js';
import { writeConfigFile } from './config-file.js';
import { CliError } from './errors.js';
import { isLoopbackHttp } from './loopback.js';
import { apiKeySha256, type Mode, newApiKey, newFingerprintSecret, newSigningKey } from './secrets.js';

export const PLACEHOLDER = 'REPLACE_ME';

export interface InitOptions {
  file: string;
  mode: Mode;
  /** Production-shaped (for `cardbind start`), its providers the simulators of `cardbind-sandbox` at their default ports. */
  staging?: boolean;
  origins: string[];
  publicUrl?: string | undefined;
  merchantId: string;
  webhookUrl?: string | undefined;
  force: boolean;
  /** Where `cardbind dev` will listen (PORT, or 8787): the sandbox configuration's publicUrl. */
  devPort: number;
}

/** Live providers to fill in: every value the operator must supply says REPLACE_ME, which `check` refuses. */
function liveProviders() {
  return {
    providers: {
      'tencent-faceid': { secretId: `${PLACEHOLDER}_SECRET_ID`, secretKey: `${PLACEHOLDER}_SECRET_KEY` },
      'aggregate-pay': {
        baseUrl: `https://${PLACEHOLDER}.example`,
        customerNo: PLACEHOLDER,
        platformPublicKey: `-----BEGIN PUBLIC KEY-----\n${PLACEHOLDER}\n-----END PUBLIC KEY-----`,
        merchantPrivateKey: `-----BEGIN PRIVATE KEY-----\n${PLACEHOLDER}\n-----END PRIVATE KEY-----`,
        submitUrlPolicy: { allowedHosts: [`${PLACEHOLDER}.example`] },
      },
    },
    routing: {
      verify2: ['tencent-faceid'],
      verify3: ['tencent-faceid'],
      verify4: ['tencent-faceid'],
      bindCard: ['aggregate-pay'],
    },
  };
}

export function originOf(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`${flag} must be a URL such as http://localhost:3000, got ${JSON.stringify(value)}.`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`${flag} must be http(s).`, 2);
  return url.origin;
}

export async function init(options: InitOptions): Promise<{ apiKey: string; config: Record<string, unknown> }> {
  if (options.origins.length === 0) {
    throw new CliError('name the origin of the page that embeds the widget: --origin http://localhost:3000', 2);
  }
  if (options.mode === 'live' && !options.publicUrl) {
    throw new CliError("--live needs --public-url: the BFF's https URL that browsers and providers reach.", 2);
  }
  if (options.mode === 'live' && options.publicUrl && !secureOrLoopback(options.publicUrl)) {
    throw new CliError(
      `--live needs an https --public-url (${options.publicUrl} is not): cardholders type card and ID numbers into the pages it serves, and providers send notifications to it. Only a loopback http URL (127.0.0.1, localhost) is taken, for staging on one machine.`,
      2,
    );
  }
  const apiKey = newApiKey(options.mode);
  const config = {
    schemaVersion: CONFIG_SCHEMA_VERSION,
    publicUrl: options.publicUrl ? originOf(options.publicUrl, '--public-url') : `http://127.0.0.1:${options.devPort}`,
    merchants: [
      {
        id: options.merchantId,
        apiKeySha256: apiKeySha256(apiKey),
        allowedOrigins: options.origins.map((o) => originOf(o, '--origin')),
        ...(options.webhookUrl ? { webhook: { url: options.webhookUrl, verificationResults: true } } : {}),
      },
    ],
    signingKeys: [await newSigningKey()],
    fingerprintSecret: newFingerprintSecret(),
    // Sandbox: `cardbind dev` supplies the simulators. Staging: `cardbind-sandbox` does. Live: placeholders to replace.
    ...(options.mode === 'live'
      ? liveProviders()
      : options.staging
        ? {
            providers: sandboxProviderConfigs(sandboxUrls()),
            routing: SANDBOX_ROUTING,
            providerNames: SANDBOX_PROVIDER_NAMES,
          }
        : { providers: {}, routing: {} }),
  };
  await writeConfigFile(options.file, config, { overwrite: options.force });
  return { apiKey, config };
}

/** https, or http on this machine only (staging against the simulators). */
function secureOrLoopback(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || isLoopbackHttp(parsed);
  } catch {
    return true; // not a URL at all: originOf says so, naming the option
  }
}
