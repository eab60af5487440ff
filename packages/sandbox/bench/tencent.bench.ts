import { createCallContext, verifyWith } from '@cardbind/core/contract';
import { v2Signature, v2StringToSign } from '@cardbind/core/providers/tencent-csec/internal';
import { createTencentFaceIdProvider, faceIdHeaders } from '@cardbind/core/providers/tencent-faceid/internal';
import { afterAll, bench, describe } from 'vitest';
import {
  CARDHOLDERS,
  createFaceIdSimulator,
  SANDBOX_CREDENTIALS,
  SANDBOX_RSA_PUBLIC_KEY,
  SANDBOX_SM2_PUBLIC_KEY,
} from '../src/index.js';
import { listen } from '../src/node.js';

const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;
const holder = CARDHOLDERS[0] ?? { name: '', idNumber: '', phone: '', cards: [] };
const cardNumber = holder.cards[0] ?? '';

const csecParams = {
  Action: 'BspBankCard3Auth',
  Nonce: '11886',
  Timestamp: '1700000000',
  SecretId: 'AKIDexample',
  SignatureMethod: 'HmacSHA256',
  orderNo: 'ORDER0001',
  name: holder.name,
  idNumber: holder.idNumber,
  bankCardNumber: cardNumber,
};
const payload = JSON.stringify({ IdCard: holder.idNumber, Name: holder.name, BankCard: cardNumber });

describe('signatures per second', () => {
  bench('API 2.0 HmacSHA256 (csec): string to sign + HMAC + base64', async () => {
    await v2Signature(secretKey, v2StringToSign('POST', 'csec.api.qcloud.com', '/v2/index.php', csecParams));
  });
  bench('TC3-HMAC-SHA256 (FaceID): canonical request, 2 SHA-256, HMAC with the day key', async () => {
    faceIdHeaders({
      secretId,
      secretKey,
      service: 'faceid',
      host: 'faceid.tencentcloudapi.com',
      action: 'BankCardVerification',
      timestamp: 1_700_000_000,
      payload,
    });
  });
});

// No rate limit here: the bench measures our overhead, not the provider's quota.
const simulator = createFaceIdSimulator({ qps: Number.MAX_SAFE_INTEGER });
const server = await listen(simulator.app.fetch);
afterAll(() => server.close());
const provider = createTencentFaceIdProvider({ secretId, secretKey, endpoint: server.url });
const request = { kind: 3 as const, orderNo: 'B1', name: holder.name, idNumber: holder.idNumber, cardNumber };

// The baseline sends one pre-signed request (valid for the 5-minute window) with bare fetch.
const preSigned = faceIdHeaders({
  secretId,
  secretKey,
  service: 'faceid',
  host: '127.0.0.1',
  action: 'BankCardVerification',
  timestamp: Math.floor(Date.now() / 1000),
  payload,
});

describe('FaceID round trips per second (loopback simulator)', () => {
  bench('provider.verify (sign + send + parse + map)', async () => {
    const ctx = createCallContext();
    try {
      const outcome = await verifyWith(provider, request, ctx);
      if (outcome?.status !== 'verified') throw new Error(`unexpected ${outcome?.reason}`);
    } finally {
      ctx.release();
    }
  });
  bench('baseline: bare fetch of a pre-signed request', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: preSigned, body: payload });
    const json = (await res.json()) as { Response: { Result?: string } };
    if (json.Response.Result !== '0') throw new Error('unexpected answer');
  });
});

// The same verification with each `Encryption` choice: the simulator decrypts what each sends.
describe('FaceID field encryption: none, AES-256-CBC (RSA-wrapped key), SM4-GCM (SM2-wrapped key)', () => {
  const withEncryption = {
    none: provider,
    'AES-256-CBC': createTencentFaceIdProvider({
      secretId,
      secretKey,
      endpoint: server.url,
      encryptionPublicKey: SANDBOX_RSA_PUBLIC_KEY,
    }),
    'SM4-GCM': createTencentFaceIdProvider({
      secretId,
      secretKey,
      endpoint: server.url,
      encryptionPublicKey: SANDBOX_SM2_PUBLIC_KEY,
      encryptionAlgorithm: 'SM4-GCM',
    }),
  };
  for (const [name, p] of Object.entries(withEncryption)) {
    bench(`provider.verify, encryption ${name}`, async () => {
      const ctx = createCallContext();
      try {
        const outcome = await verifyWith(p, request, ctx);
        if (outcome.status !== 'verified') throw new Error(`unexpected ${outcome.reason}`);
      } finally {
        ctx.release();
      }
    });
  }
});
