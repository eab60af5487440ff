import { gunzipSync } from 'node:zlib';
import { OPS_CSS, OPS_JS } from '@cardbind/ops-page/assets';
import { SANDBOX_SM2_PUBLIC_KEY } from '@cardbind/sandbox';
import { FRAME_VERSION, framePage, INLINE_JS, LOADER_SCRIPT, localized } from '@cardbind/widget/frame-assets';
import { compactVerify, createRemoteJWKSet } from 'jose';
import { expect } from 'vitest';
import { Client, eventually } from '../support/bff.js';
import { type startWebhookReceiver, throughBank } from '../support/browser.js';
import { rawGet } from '../support/raw-http.js';
import { API_KEY, BIND_BODY, baseConfig, ORIGIN, type Sandbox, VERIFY3 } from '../support/sandbox.js';

/**
 * The configuration every runtime test serves: the sandbox's providers, webhooks to `receiver`.
 * FaceID encrypts with SM4-GCM (an SM2-wrapped key): the 国密 path on every runtime (the Node
 * suites cover AES-256-CBC). Two elements go to Alibaba Cloud, its elements partly hashed (md5).
 */
export async function runtimeConfig(sandbox: Sandbox, publicUrl: string, webhookUrl: string) {
  const config = await baseConfig(sandbox, publicUrl);
  const [merchant] = config.merchants;
  const faceid = { ...config.providers['tencent-faceid'], encryptionPublicKey: SANDBOX_SM2_PUBLIC_KEY };
  return {
    ...config,
    providers: {
      ...config.providers,
      'tencent-faceid': { ...faceid, encryptionAlgorithm: 'SM4-GCM' as const },
      'alibaba-cloudauth': { ...config.providers['alibaba-cloudauth'], paramType: 'md5' as const },
    },
    routing: { ...config.routing, verify2: ['alibaba-cloudauth'] },
    merchants: [{ ...merchant, webhook: { url: webhookUrl } }],
    webhooks: { retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 20, pollMs: 100, timeoutMs: 2_000 },
  };
}

/**
 * What each runtime must do over HTTP: session → verification against the
 * sandbox (stored under its Idempotency-Key), then a bind through the bank
 * page to the provider's notification, the order read back, and the signed
 * webhook delivered once.
 */
export async function runtimeScenario(
  url: string,
  sandbox: Sandbox,
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>,
) {
  const client = new Client(url);
  expect(await (await client.get('/healthz')).json()).toEqual({ status: 'ok' });
  const ready = await client.get('/readyz');
  expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', checks: { config: 'ok', store: 'ok' } }]);
  const token = await client.session({ operations: ['verify2', 'verify3', 'verify4', 'bind'] });
  expect(token.split('.')).toHaveLength(3);

  // The form's script goes out gzipped (CompressionStream, on every runtime), and arrives whole:
  // on workerd, encoded once (encodeBody: 'manual'), not a second time by the runtime.
  const formJs = await rawGet(`${url}/widget/inline.js?v=${FRAME_VERSION}&locale=en`, 'gzip');
  expect(formJs.headers['content-encoding']).toBe('gzip');
  expect(formJs.headers.vary).toBe('Accept-Encoding');
  expect(gunzipSync(formJs.bytes).toString()).toBe(localized(INLINE_JS, 'en'));

  await builtFiles(url, client, token);

  const headers = { authorization: `Bearer ${token}`, 'idempotency-key': `rt-${crypto.randomUUID()}` };
  const calls = sandbox.faceid.stats.count('BankCardVerification');
  const verified = await client.post('/v1/verifications', VERIFY3, headers);
  expect(verified.status, await verified.clone().text()).toBe(200);
  const answer = (await verified.json()) as { outcome: { status: string }; card: string };
  expect(answer.outcome.status).toBe('verified');
  expect(answer.card).toBe('622202*********1008');
  const replay = await client.post('/v1/verifications', VERIFY3, headers);
  expect(await replay.json()).toEqual(answer);
  expect(sandbox.faceid.stats.count('BankCardVerification')).toBe(calls + 1);

  // Two elements through Alibaba Cloud (ACS3-HMAC-SHA256 and MD5 on this runtime).
  const alibabaCalls = sandbox.cloudauth.stats.count('verify');
  const two = { kind: 2, name: VERIFY3.name, cardNumber: VERIFY3.cardNumber, consent: true };
  const byAlibaba = await client.post('/v1/verifications', two, {
    ...headers,
    'idempotency-key': `rt-${crypto.randomUUID()}`,
  });
  expect(((await byAlibaba.json()) as { outcome: unknown }).outcome).toMatchObject({
    status: 'verified',
    provider: { id: 'alibaba-cloudauth', code: '200/101' },
  });
  expect(sandbox.cloudauth.stats.count('verify')).toBe(alibabaCalls + 1);

  const created = (await (
    await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` })
  ).json()) as {
    orderNo: string;
    redirectUrl: string;
  };
  const { back } = await throughBank(created.redirectUrl, 'approve');
  expect(back.status).toBe(303);
  const order = await eventually(async () => {
    const res = await client.get(`/v1/bind-cards/${created.orderNo}`, { authorization: `Bearer ${API_KEY}` });
    const body = (await res.json()) as { status: string; card?: string };
    return body.status === 'SUCCESS' ? body : undefined;
  }, 15_000);
  expect(order.card).toMatch(/^\d{6}\*+\d{4}$/);

  const eventId = `evt_${created.orderNo}_success`;
  const delivered = await eventually(() => receiver.received.find((r) => r.id === eventId && r.accepted), 15_000);
  const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', url));
  const event = JSON.parse(new TextDecoder().decode((await compactVerify(delivered.jws, jwks)).payload));
  expect(event).toMatchObject({ id: eventId, type: 'bind_card.succeeded', data: { status: 'SUCCESS' } });
  await new Promise((r) => setTimeout(r, 300));
  expect(receiver.received.filter((r) => r.id === eventId)).toHaveLength(1);
}

/**
 * Every file the BFF serves from its build, and what it reads from there (the BIN data, the
 * OpenAPI document), the same on every runtime: from the bundle's modules, or on workerd from
 * static assets (the Worker's script carries none of them). A refused body too (the schemas'
 * errors, which the Worker builds without zod's JSON Schema code).
 */
async function builtFiles(url: string, client: Client, token: string) {
  const page = await client.get(`/widget/frame?locale=en&origin=${encodeURIComponent(ORIGIN)}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors ${ORIGIN}`);
  expect(await page.text()).toBe(framePage('en'));
  // With the form the loader names written out (on Workers, one of the static assets).
  const withForm = await client.get(`/widget/frame?locale=zh-CN&form=verify-4&origin=${encodeURIComponent(ORIGIN)}`);
  expect(await withForm.text()).toBe(framePage('zh-CN', 'verify-4'));
  expect(await (await client.get('/widget/cardbind.js')).text()).toBe(LOADER_SCRIPT);
  expect(await (await client.get('/widget/inline.js?locale=zh-CN')).text()).toBe(localized(INLINE_JS, 'zh-CN'));
  const ops = { authorization: `Bearer ${API_KEY}` };
  expect(await (await client.get('/ops/ops.js', ops)).text()).toBe(OPS_JS);
  expect(await (await client.get('/ops/ops.css', ops)).text()).toBe(OPS_CSS);
  const widget = { authorization: `Bearer ${token}` };
  expect(await (await client.get('/v1/bins/622202', widget)).json()).toMatchObject({ bankCode: 'ICBC' });
  const { banks } = (await (await client.get('/v1/banks', widget)).json()) as { banks: { code: string }[] };
  expect(banks[0]?.code).toBe('ICBC');
  const document = (await (await client.get('/openapi.json')).json()) as { servers: unknown; paths: object };
  expect(document.servers).toEqual([{ url }]);
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/verifications', '/ops']));
  const refused = await client.post('/v1/sessions', { operations: ['fly'] }, ops);
  expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([
    400,
    'INVALID_REQUEST',
  ]);
}
