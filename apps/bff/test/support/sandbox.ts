import { createHash } from 'node:crypto';
import {
  CARDHOLDERS,
  createAggregatePaySimulator,
  createCloudauthSimulator,
  createCsecSimulator,
  createFaceIdSimulator,
  createRzSimulator,
  sandboxProviderConfigs,
} from '@cardbind/sandbox';
import { type Listening, listen } from '@cardbind/sandbox/node';
import { exportJWK, generateKeyPair } from 'jose';
import { afterThis } from '../../../../scripts/test-processes/track.js';
import type { ConfigInput } from '../../src/app.js';

export const API_KEY = 'sk_test_cardbind_0123456789abcdef';

/** 张三: the first sandbox cardholder, and the bodies most tests send for them. */
export const HOLDER = CARDHOLDERS[0] ?? { name: '', idNumber: '', phone: '', cards: [''] };
export const VERIFY3 = {
  kind: 3,
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  cardNumber: HOLDER.cards[0],
  consent: true,
};
export const BIND_BODY = {
  bankCode: 'ICBC',
  bankCardType: 'DEBIT',
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  phone: HOLDER.phone,
  consent: true,
};
export const ORIGIN = 'http://shop.localhost:5173';

export async function signingKey(kid: string) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateJwk: (await exportJWK(privateKey)) as { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string },
  };
}

/**
 * Every simulator on its own loopback listener, as the CLI would start them.
 * `tap` sees each request as it arrives (to time or count provider calls; the
 * simulator waits for it), `answered` each answer before it is sent back.
 */
export async function startSandbox(
  options: {
    aggregate?: Parameters<typeof createAggregatePaySimulator>[0];
    tap?: (provider: string, request: Request) => void | Promise<void>;
    answered?: (provider: string, request: Request) => void | Promise<void>;
  } = {},
) {
  const faceid = createFaceIdSimulator({ qps: 10_000 });
  const csec = createCsecSimulator();
  const rz = createRzSimulator();
  const aggregate = createAggregatePaySimulator({ notifier: { firstDelayMs: 20 }, ...options.aggregate });
  const cloudauth = createCloudauthSimulator({ qps: 10_000 });
  const serve = (id: string, fetch: (request: Request) => Response | Promise<Response>) =>
    listen(async (request) => {
      await options.tap?.(id, request);
      const response = await fetch(request);
      await options.answered?.(id, request);
      return response;
    });
  const servers: Record<string, Listening> = {
    'tencent-faceid': await serve('tencent-faceid', faceid.app.fetch),
    'tencent-csec': await serve('tencent-csec', csec.app.fetch),
    rz: await serve('rz', rz.app.fetch),
    'aggregate-pay': await serve('aggregate-pay', aggregate.app.fetch),
    'alibaba-cloudauth': await serve('alibaba-cloudauth', cloudauth.app.fetch),
  };
  afterThis(() => Promise.all(Object.values(servers).map((s) => s.close())));
  const urls = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.url]));
  return { faceid, csec, rz, aggregate, cloudauth, urls, configs: sandboxProviderConfigs(urls) };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function baseConfig(sandbox: Sandbox, publicUrl: string): Promise<ConfigInput> {
  const { configs } = sandbox;
  return {
    // Every answer is held to its route's declaration; the setup file fails a file with one that is not.
    checkAnswers: true,
    publicUrl,
    merchants: [
      {
        id: 'shop',
        apiKeySha256: createHash('sha256').update(API_KEY).digest('hex'),
        allowedOrigins: [ORIGIN],
      },
    ],
    signingKeys: [await signingKey('k1')],
    fingerprintSecret: 'f'.repeat(48),
    providers: configs,
    routing: {
      verify2: ['tencent-faceid'],
      verify3: ['tencent-faceid', 'tencent-csec'],
      verify4: ['tencent-faceid', 'rz'],
      bindCard: ['aggregate-pay'],
    },
  };
}

/** `config` with its merchants' webhooks (every event, verification results included) sent to `url`. */
export function sendingWebhooksTo<C extends ConfigInput>(config: C, url: string): C {
  return { ...config, merchants: config.merchants.map((m) => ({ ...m, webhook: { url, verificationResults: true } })) };
}
