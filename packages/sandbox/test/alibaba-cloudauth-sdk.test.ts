// Alibaba's official Node SDK drives the cloudauth simulator, with both of its signatures and both
// parameter types: a client written by others, held to the same wire rules as ours.
import CloudauthModule, { BankMetaVerifyRequest } from '@alicloud/cloudauth20190307';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { acs3Authorization, rpcV1Signature } from '@cardbind/core/providers/alibaba-cloudauth/internal';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createCloudauthSimulator } from '../src/alibaba-cloudauth/app.js';
import { SANDBOX_CREDENTIALS, SCENARIO_CARDS } from '../src/index.js';
import { md5Request } from './cloudauth-support.js';
import { HOLDER, serveForSuite } from './support.js';

// A CommonJS module compiled from TypeScript: its default export is the class at run time.
const Cloudauth = CloudauthModule as unknown as (typeof CloudauthModule)['default'];

const simulator = createCloudauthSimulator({ qps: 10_000 });
const server = await serveForSuite(simulator.app);
const { secretId: accessKeyId, secretKey: accessKeySecret } = SANDBOX_CREDENTIALS.alibabaCloudauth;

/** `v3`: the SDK's default (ACS3-HMAC-SHA256); `v1`: `signatureAlgorithm: 'v2'` (the RPC HMAC-SHA1). */
function sdk(signing: 'v3' | 'v1', secret: string = accessKeySecret) {
  return new Cloudauth(
    new $OpenApiUtil.Config({
      accessKeyId,
      accessKeySecret: secret,
      endpoint: new URL(server.url).host,
      protocol: 'http',
      ...(signing === 'v1' ? { signatureAlgorithm: 'v2' } : {}),
      autoretry: false,
    }),
  );
}

const elements = {
  2: { productType: 'BANK_CARD_2_META', bankCard: HOLDER.cardNumber, userName: HOLDER.name },
  3: {
    productType: 'BANK_CARD_3_META',
    bankCard: HOLDER.cardNumber,
    userName: HOLDER.name,
    identifyNum: HOLDER.idNumber,
    identityType: '01',
  },
  4: {
    productType: 'BANK_CARD_4_META',
    bankCard: HOLDER.cardNumber,
    userName: HOLDER.name,
    identifyNum: HOLDER.idNumber,
    identityType: '01',
    mobile: HOLDER.phone,
  },
} as const;

describe('the official SDK against the cloudauth simulator', () => {
  for (const signing of ['v3', 'v1'] as const) {
    for (const paramType of ['normal', 'md5'] as const) {
      for (const kind of [2, 3, 4] as const) {
        it(`${signing}, ${paramType}, ${kind} elements: accepted, verified`, async () => {
          const plain = { paramType, verifyMode: 'VERIFY_BANK_CARD', ...elements[kind] };
          const request = new BankMetaVerifyRequest(paramType === 'md5' ? md5Request(plain) : plain);
          const { statusCode, body } = await sdk(signing).bankMetaVerify(request);
          expect(statusCode).toBe(200);
          expect(body?.code).toBe('200');
          expect(body?.resultObject).toMatchObject({ bizCode: '1', subCode: '101' });
          expect(body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
        });
      }
    }
    it(`${signing}: a mismatch and a scenario card parse; a wrong secret gets SignatureDoesNotMatch`, async () => {
      const ask = (bankCard: string) =>
        sdk(signing).bankMetaVerify(
          new BankMetaVerifyRequest({ paramType: 'normal', verifyMode: 'VERIFY_BANK_CARD', ...elements[3], bankCard }),
        );
      expect((await ask('6227000000000002009')).body?.resultObject).toMatchObject({ bizCode: '2', subCode: '201' });
      expect((await ask(SCENARIO_CARDS.lost)).body?.resultObject).toMatchObject({ bizCode: '2', subCode: '210' });
      const refused = await sdk(signing, 'not-the-secret')
        .bankMetaVerify(
          new BankMetaVerifyRequest({ paramType: 'normal', verifyMode: 'VERIFY_BANK_CARD', ...elements[2] }),
        )
        .catch((error: { code?: string; statusCode?: number }) => error);
      expect(refused).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
    });
  }
});

describe("core's signers agree with the SDK's", () => {
  /** What the SDK sent, caught before any check. */
  const caught: Request[] = [];
  const catcher = new Hono();
  catcher.all('*', (c) => {
    caught.push(c.req.raw.clone());
    return c.json({ RequestId: 'X', Code: '200', Message: 'success', ResultObject: { BizCode: '1', SubCode: '101' } });
  });
  const catching = serveForSuite(catcher);
  const printable = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~张三·阿沛';
  const random = (length: number) =>
    Array.from({ length }, () => printable[Math.floor(Math.random() * printable.length)]).join('');

  for (const signing of ['v3', 'v1'] as const) {
    it(`${signing}: 25 random requests, the same signature`, async () => {
      const { url } = await catching;
      const client = new Cloudauth(
        new $OpenApiUtil.Config({
          accessKeyId,
          accessKeySecret: random(30),
          endpoint: new URL(url).host,
          protocol: 'http',
          ...(signing === 'v1' ? { signatureAlgorithm: 'v2' } : {}),
        }),
      );
      for (let i = 0; i < 25; i++) {
        const secret = random(30);
        (client as unknown as { _credential: unknown })._credential = {
          getCredential: async () => ({ accessKeyId, accessKeySecret: secret, type: 'access_key' }),
        };
        caught.length = 0;
        await client.bankMetaVerify(
          new BankMetaVerifyRequest({
            paramType: 'normal',
            verifyMode: 'VERIFY_BANK_CARD',
            productType: 'BANK_CARD_3_META',
            bankCard: random(19),
            userName: random(8),
            identifyNum: random(18),
          }),
        );
        const sent = caught[0] as Request;
        const query = Object.fromEntries(new URL(sent.url).searchParams);
        if (signing === 'v1') {
          const { Signature, ...signed } = query;
          expect(await rpcV1Signature(secret, sent.method, signed)).toBe(Signature);
        } else {
          const headers = Object.fromEntries(sent.headers);
          expect(
            acs3Authorization({
              accessKeyId,
              accessKeySecret: secret,
              method: sent.method,
              path: '/',
              query,
              headers,
              payloadHash: headers['x-acs-content-sha256'] ?? '',
            }),
          ).toBe(headers.authorization);
        }
      }
    });
  }
});
