import { createHash } from 'node:crypto';
import {
  createAggregatePaySimulator,
  createCsecSimulator,
  createFaceIdSimulator,
  createRzSimulator,
  sandboxProviderConfigs,
} from '@cardbind/sandbox';
import { type Listening, listen } from '@cardbind/sandbox/node';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll } from 'vitest';
import { type AppOptions, type ConfigInput, createApp } from '../src/app.js';

export const API_KEY = 'sk_test_cardbind_0123456789abcdef';
export const ORIGIN = 'http://shop.localhost:5173';

export async function signingKey(kid: string) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateJwk: (await exportJWK(privateKey)) as { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string },
  };
}

/** Every simulator on its own loopback listener, as the CLI would start them. */
export async function startSandbox(options: { aggregate?: Parameters<typeof createAggregatePaySimulator>[0] } = {}) {
  const faceid = createFaceIdSimulator({ qps: 10_000 });
  const csec = createCsecSimulator();
  const rz = createRzSimulator();
  const aggregate = createAggregatePaySimulator({ notifier: { firstDelayMs: 20 }, ...options.aggregate });
  const servers: Record<string, Listening> = {
    'tencent-faceid': await listen(faceid.app.fetch),
    'tencent-csec': await listen(csec.app.fetch),
    rz: await listen(rz.app.fetch),
    'aggregate-pay': await listen(aggregate.app.fetch),
  };
  afterAll(() => Promise.all(Object.values(servers).map((s) => s.close())));
  const urls = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.url]));
  return { faceid, csec, rz, aggregate, urls, configs: sandboxProviderConfigs(urls) };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function baseConfig(sandbox: Sandbox, publicUrl: string): Promise<ConfigInput> {
  const { configs } = sandbox;
  return {
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
    providers: {
      'tencent-faceid': configs.tencentFaceid,
      'tencent-csec': configs.tencentCsec,
      rz: configs.rz,
      'aggregate-pay': {
        baseUrl: configs.aggregatePay.baseUrl,
        customerNo: configs.aggregatePay.customerNo,
        md5Key: configs.aggregatePay.md5Key,
        platformPublicKey: configs.aggregatePay.platformPublicKey,
        merchantPrivateKey: configs.aggregatePay.merchantPrivateKey,
        allowedSubmitHosts: ['127.0.0.1'],
        allowHttpLoopback: true,
      },
    },
    routing: {
      verify3: ['tencent-faceid', 'tencent-csec'],
      verify4: ['tencent-faceid', 'rz'],
      bindCard: ['aggregate-pay'],
    },
  };
}

/** Serves a BFF on loopback; the app is built once the URL (its publicUrl) is known. */
export async function startBff(
  config: (publicUrl: string) => Promise<ConfigInput>,
  options: AppOptions = {},
): Promise<{ url: string; logs: string[] }> {
  const logs: string[] = [];
  let app: ReturnType<typeof createApp> | undefined;
  const server = await listen((request) => (app ? app.fetch(request) : new Response('starting', { status: 503 })));
  app = createApp(await config(server.url), { log: (line) => logs.push(line), ...options });
  afterAll(() => server.close());
  return { url: server.url, logs };
}

export class Client {
  constructor(readonly url: string) {}

  async session(body: Record<string, unknown> = {}) {
    const res = await this.post(
      '/v1/sessions',
      {
        operations: ['verify3', 'verify4', 'bind'],
        origin: ORIGIN,
        returnUrl: `${ORIGIN}/checkout/done`,
        user: { userType: 'USER_ID', identifyId: 'u-1' },
        ...body,
      },
      { authorization: `Bearer ${API_KEY}` },
    );
    const json = (await res.json()) as { token: string };
    return json.token;
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(new URL(path, this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  get(path: string, headers: Record<string, string> = {}) {
    return fetch(new URL(path, this.url), { headers: { origin: ORIGIN, ...headers }, redirect: 'manual' });
  }
}
