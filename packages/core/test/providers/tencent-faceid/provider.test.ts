import { canServe, verifyWith } from '@cardbind/core/contract';
import { fromBase64, toBase64 } from '@cardbind/core/crypto';
import { createOutcome, outcomeFromError } from '@cardbind/core/outcome';
import {
  createTencentFaceIdProvider,
  encryptFields,
  FACEID_VERSION,
  faceIdBody,
  faceIdError,
  importFaceIdEncryptionKey,
  parseFaceIdResponse,
  parseSm2PublicKey,
  sm4GcmEncrypt,
  tc3Authorization,
} from '@cardbind/core/providers/tencent-faceid/internal';
import {
  ACCOUNT_STATE_SECRET_IDS,
  createFaceIdSimulator,
  SANDBOX_CREDENTIALS,
  SANDBOX_RSA_PUBLIC_KEY,
  SANDBOX_SM2_PUBLIC_KEY,
  SCENARIO_CARDS,
  type Scenario,
} from '@cardbind/sandbox';
import { SM2 } from 'gm-crypto';
import { describe, expect, it } from 'vitest';
import {
  BAD_CHECKSUM_ID,
  ctx,
  HOLDER,
  PERMIT_ID,
  type RequestOverrides,
  recordingFetch,
  serveForSuite,
  verifyRequest,
} from '../../simulators.js';

// The walk sends far more than 20 requests a second; the limit has its own test below.
const simulator = createFaceIdSimulator({ qps: 10_000 });
const server = await serveForSuite(simulator.app);
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;
const provider = createTencentFaceIdProvider({ secretId, secretKey, endpoint: server.url });

/**
 * A request signed as a third-party client might sign it: over `signed`
 * headers plus `host` as given; `body` may differ from the signed payload.
 */
async function postSigned(payload: string, signed: Record<string, string>, host: string, body = payload) {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = { ...signed, host };
  const authorization = await tc3Authorization({
    secretId,
    secretKey,
    service: 'faceid',
    timestamp,
    method: 'POST',
    headers,
    payload,
  });
  return fetch(server.url, {
    method: 'POST',
    headers: {
      ...signed,
      authorization,
      'x-tc-action': 'BankCardVerification',
      'x-tc-timestamp': String(timestamp),
      'x-tc-version': FACEID_VERSION,
    },
    body,
  });
}

type Case = [code: string, input: RequestOverrides, status: string, reason: string, charged: boolean];
const card = (s: Scenario) => ({ cardNumber: SCENARIO_CARDS[s] });

// Expected values are Tencent's published result lists (each code's meaning, billed or not),
// written out here rather than read from the code table.
const TWO: Case[] = [
  ['0', {}, 'verified', 'VERIFIED', true],
  ['-1', { name: '李四' }, 'mismatch', 'MISMATCH', true],
  ['-2', { name: 'Zhang San' }, 'invalid_input', 'NAME_INVALID', false],
  ['-3', { cardNumber: '62220200' }, 'invalid_input', 'CARD_NUMBER_FORMAT', false],
  ['-4', card('cardholder_info_wrong'), 'mismatch', 'CARDHOLDER_INFO_MISMATCH', true],
  ['-5', card('cardless_disabled'), 'card_rejected', 'CARD_CARDLESS_DISABLED', true],
  ['-6', card('confiscated'), 'card_rejected', 'CARD_CONFISCATED', true],
  ['-7', card('invalid_card'), 'card_rejected', 'CARD_NUMBER_INVALID', true],
  ['-8', card('no_issuer'), 'card_rejected', 'CARD_NO_ISSUER', true],
  ['-9', card('dormant'), 'card_rejected', 'CARD_DORMANT', true],
  ['-10', card('fraud'), 'card_rejected', 'CARD_FRAUD', true],
  ['-11', card('lost'), 'card_rejected', 'CARD_LOST', true],
  ['-12', card('expired'), 'card_rejected', 'CARD_EXPIRED', true],
  ['-13', card('restricted'), 'card_rejected', 'CARD_RESTRICTED', true],
  ['-14', card('pin_locked'), 'card_rejected', 'CARD_PIN_LOCKED', true],
  ['-15', card('issuer_unsupported'), 'card_rejected', 'ISSUER_UNSUPPORTED', true],
  ['-16', card('busy'), 'unavailable', 'PROVIDER_BUSY', false],
  ['-17', card('daily_limit'), 'unavailable', 'DAILY_LIMIT', false],
  ['-18', card('status_abnormal'), 'card_rejected', 'CARD_STATUS_ABNORMAL', true],
];

const THREE: Case[] = [
  ['0', {}, 'verified', 'VERIFIED', true],
  ['-1', { name: '李四' }, 'mismatch', 'MISMATCH', true],
  ['-2', { name: 'Zhang San' }, 'invalid_input', 'NAME_INVALID', false],
  ['-3', { idNumber: BAD_CHECKSUM_ID }, 'invalid_input', 'ID_NUMBER_INVALID', false],
  ['-4', { cardNumber: '62220200' }, 'invalid_input', 'CARD_NUMBER_FORMAT', false],
  ['-5', card('cardholder_info_wrong'), 'mismatch', 'CARDHOLDER_INFO_MISMATCH', true],
  ['-6', card('cardless_disabled'), 'card_rejected', 'CARD_CARDLESS_DISABLED', true],
  ['-7', card('confiscated'), 'card_rejected', 'CARD_CONFISCATED', true],
  ['-8', card('invalid_card'), 'card_rejected', 'CARD_NUMBER_INVALID', true],
  ['-9', card('no_issuer'), 'card_rejected', 'CARD_NO_ISSUER', true],
  ['-10', card('dormant'), 'card_rejected', 'CARD_DORMANT', true],
  ['-11', card('fraud'), 'card_rejected', 'CARD_FRAUD', true],
  ['-12', card('lost'), 'card_rejected', 'CARD_LOST', true],
  ['-13', card('expired'), 'card_rejected', 'CARD_EXPIRED', true],
  ['-14', card('restricted'), 'card_rejected', 'CARD_RESTRICTED', true],
  ['-15', card('pin_locked'), 'card_rejected', 'CARD_PIN_LOCKED', true],
  ['-16', card('issuer_unsupported'), 'card_rejected', 'ISSUER_UNSUPPORTED', true],
  ['-17', card('busy'), 'unavailable', 'PROVIDER_BUSY', false],
  ['-18', card('daily_limit'), 'unavailable', 'DAILY_LIMIT', false],
  ['-19', { idNumber: PERMIT_ID }, 'invalid_input', 'ID_TYPE_UNSUPPORTED', false],
  ['-20', card('status_abnormal'), 'card_rejected', 'CARD_STATUS_ABNORMAL', true],
];

const FOUR: Case[] = [
  ['0', {}, 'verified', 'VERIFIED', true],
  ['-1', { phone: '13900000000' }, 'mismatch', 'MISMATCH', true],
  ['-2', { name: '张3' }, 'invalid_input', 'NAME_INVALID', false],
  ['-3', { idNumber: BAD_CHECKSUM_ID }, 'invalid_input', 'ID_NUMBER_INVALID', false],
  ['-4', { cardNumber: '6222a20000000001008' }, 'invalid_input', 'CARD_NUMBER_FORMAT', false],
  ['-5', { phone: '12800138000' }, 'invalid_input', 'PHONE_INVALID', false],
  ['-6', card('cardholder_info_wrong'), 'mismatch', 'CARDHOLDER_INFO_MISMATCH', true],
  ['-7', card('cardless_disabled'), 'card_rejected', 'CARD_CARDLESS_DISABLED', true],
  ['-8', card('confiscated'), 'card_rejected', 'CARD_CONFISCATED', true],
  ['-9', card('invalid_card'), 'card_rejected', 'CARD_NUMBER_INVALID', true],
  ['-10', card('no_issuer'), 'card_rejected', 'CARD_NO_ISSUER', true],
  ['-11', card('dormant'), 'card_rejected', 'CARD_DORMANT', true],
  ['-12', card('fraud'), 'card_rejected', 'CARD_FRAUD', true],
  ['-13', card('lost'), 'card_rejected', 'CARD_LOST', true],
  ['-14', card('expired'), 'card_rejected', 'CARD_EXPIRED', true],
  ['-15', card('restricted'), 'card_rejected', 'CARD_RESTRICTED', true],
  ['-16', card('pin_locked'), 'card_rejected', 'CARD_PIN_LOCKED', true],
  ['-17', card('issuer_unsupported'), 'card_rejected', 'ISSUER_UNSUPPORTED', true],
  ['-18', card('busy'), 'unavailable', 'PROVIDER_BUSY', false],
  ['-19', card('daily_limit'), 'unavailable', 'DAILY_LIMIT', false],
  ['-20', { idNumber: PERMIT_ID }, 'invalid_input', 'ID_TYPE_UNSUPPORTED', false],
  ['-21', card('status_abnormal'), 'card_rejected', 'CARD_STATUS_ABNORMAL', true],
];

const request = verifyRequest;

describe('FaceID BankCard2EVerification (name and card): every Result code', () => {
  it.each(TWO)('Result %s', async (code, input, status, reason, charged) => {
    const outcome = await verifyWith(provider, request(2, input), ctx());
    expect(outcome?.provider?.code).toBe(code);
    expect(outcome).toMatchObject({ status, reason, charged });
  });

  it('sends the 2-element action with Name and BankCard only', async () => {
    const recording = recordingFetch();
    expect(await verifyWith(provider, request(2), ctx({ fetch: recording.fetch }))).toMatchObject({
      status: 'verified',
    });
    expect(recording.sent.map((r) => [r.headers.get('x-tc-action'), JSON.parse(r.body)])).toEqual([
      ['BankCard2EVerification', { Name: HOLDER.name, BankCard: HOLDER.cardNumber }],
    ]);
    expect(canServe(provider, 'verify2')).toBe(true);
  });
});

describe('FaceID BankCardVerification: every Result code, simulator → provider → outcome', () => {
  it.each(THREE)('Result %s', async (code, input, status, reason, charged) => {
    const outcome = await verifyWith(provider, request(3, input), ctx());
    expect(outcome?.provider?.code).toBe(code);
    expect(outcome).toMatchObject({ status, reason, charged });
    expect(outcome?.provider?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('FaceID BankCard4EVerification: every Result code', () => {
  it.each(FOUR)('Result %s', async (code, input, status, reason, charged) => {
    const outcome = await verifyWith(provider, request(4, input), ctx());
    expect(outcome?.provider?.code).toBe(code);
    expect(outcome).toMatchObject({ status, reason, charged });
  });

  it('daily limit carries retryAfter until midnight in China', async () => {
    const now = Date.now();
    const outcome = await verifyWith(provider, request(4, card('daily_limit')), ctx({ now: () => now }));
    expect(outcome?.retryAfter).toBeGreaterThan(0);
    expect(outcome?.retryAfter).toBeLessThanOrEqual(86_400);
    expect(outcome?.retryable).toBe(true);
  });
});

describe('FaceID Response.Error codes', () => {
  const withCredentials = (id: string, key: string = secretKey) =>
    createTencentFaceIdProvider({ secretId: id, secretKey: key, endpoint: server.url });

  it.each([
    ['UnauthorizedOperation.Arrears', ACCOUNT_STATE_SECRET_IDS.arrears, 'failed', 'INSUFFICIENT_BALANCE'],
    [
      'UnauthorizedOperation.ChargeStatusException',
      ACCOUNT_STATE_SECRET_IDS.charge_exception,
      'failed',
      'MERCHANT_INVALID',
    ],
    ['UnauthorizedOperation.NonAuthorize', ACCOUNT_STATE_SECRET_IDS.non_authorize, 'failed', 'MERCHANT_INVALID'],
    ['UnauthorizedOperation.Nonactivated', ACCOUNT_STATE_SECRET_IDS.nonactivated, 'failed', 'SERVICE_NOT_ACTIVATED'],
    ['AuthFailure.SecretIdNotFound', 'AKIDnobody', 'failed', 'AUTH_FAILED'],
  ])('%s', async (code, id, status, reason) => {
    const outcome = await verifyWith(withCredentials(id), request(3, {}), ctx());
    expect(outcome).toMatchObject({ status, reason, charged: false, provider: { code } });
  });

  it('a wrong secret is AuthFailure.SignatureFailure → SIGNATURE_REJECTED, not charged', async () => {
    const outcome = await verifyWith(withCredentials(secretId, 'not-the-secret'), request(3, {}), ctx());
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: 'SIGNATURE_REJECTED',
      charged: false,
      retryable: false,
      provider: { code: 'AuthFailure.SignatureFailure' },
    });
  });

  it('FailedOperation.StsUnAuthErrError (a token the service does not know)', async () => {
    const p = createTencentFaceIdProvider({ secretId, secretKey, token: 'sts-token', endpoint: server.url });
    expect(await verifyWith(p, request(3, {}), ctx())).toMatchObject({
      reason: 'AUTH_FAILED',
      provider: { code: 'FailedOperation.StsUnAuthErrError' },
    });
  });

  it('FailedOperation.DecryptSystemError (key wrapped for another public key)', async () => {
    const other = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['encrypt', 'decrypt'],
    );
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', other.publicKey));
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spki).toString('base64')}\n-----END PUBLIC KEY-----`;
    const p = createTencentFaceIdProvider({ secretId, secretKey, endpoint: server.url, encryptionPublicKey: pem });
    expect(await verifyWith(p, request(3, {}), ctx())).toMatchObject({
      status: 'failed',
      reason: 'DECRYPT_FAILED',
      charged: false,
      provider: { code: 'FailedOperation.DecryptSystemError' },
    });
  });

  it('FailedOperation.UnKnown and InternalError: unavailable, charge unknown', async () => {
    expect(await verifyWith(provider, request(3, card('unknown_failure')), ctx())).toMatchObject({
      status: 'unavailable',
      reason: 'PROVIDER_ERROR',
      charged: 'unknown',
      provider: { code: 'FailedOperation.UnKnown' },
    });
    expect(await verifyWith(provider, request(3, card('internal_error')), ctx())).toMatchObject({
      status: 'unavailable',
      reason: 'PROVIDER_ERROR',
      charged: 'unknown',
      provider: { code: 'InternalError' },
    });
  });

  it('InvalidParameter (an empty field) and InvalidParameterValue (an overlong one)', async () => {
    expect(await verifyWith(provider, request(3, { name: '' }), ctx())).toMatchObject({
      status: 'invalid_input',
      reason: 'INVALID_PARAMETER',
      charged: false,
      provider: { code: 'InvalidParameter' },
    });
    expect(await verifyWith(provider, request(3, { cardNumber: '6'.repeat(70) }), ctx())).toMatchObject({
      reason: 'INVALID_PARAMETER',
      provider: { code: 'InvalidParameterValue' },
    });
  });

  it('UnknownParameter (a made-up one, or Phone on the 3-element API) and MissingParameter, before any field check', async () => {
    const body = faceIdBody(request(3, {}));
    const { Name: _name, ...withoutName } = body;
    const answers: [payload: Record<string, unknown>, code: string][] = [
      [{ ...body, Foo: 'bar' }, 'UnknownParameter'],
      [{ ...body, Phone: HOLDER.phone }, 'UnknownParameter'],
      [withoutName, 'MissingParameter'],
      [{ ...body, Name: 42 }, 'InvalidParameter'],
    ];
    for (const [payload, code] of answers) {
      const res = await postSigned(JSON.stringify(payload), { 'content-type': 'application/json' }, '127.0.0.1');
      const parsed = parseFaceIdResponse({ status: res.status, headers: res.headers, text: await res.text() });
      expect([code, parsed]).toMatchObject([code, { kind: 'error', code }]);
      const entry = faceIdError(code);
      expect(createOutcome(entry.reason, { charged: entry.charged })).toMatchObject({
        status: 'invalid_input',
        reason: 'INVALID_PARAMETER',
        charged: false,
      });
    }
  });

  it('InvalidParameter.UnsupportEncryptField (CertType named in EncryptList)', async () => {
    const encrypted = await encryptFields(
      faceIdBody(request(3, {})),
      ['Name', 'IdCard', 'BankCard'],
      await importFaceIdEncryptionKey(SANDBOX_RSA_PUBLIC_KEY),
      ctx(),
    );
    const encryption = encrypted.Encryption as { EncryptList: string[] };
    encryption.EncryptList.push('CertType');
    encrypted.CertType = 0;
    const res = await postSigned(
      JSON.stringify(encrypted),
      { 'content-type': 'application/json; charset=utf-8' },
      '127.0.0.1',
    );
    const parsed = parseFaceIdResponse({ status: res.status, headers: res.headers, text: await res.text() });
    expect(parsed).toMatchObject({ kind: 'error', code: 'InvalidParameter.UnsupportEncryptField' });
    if (parsed.kind !== 'error') throw new Error('unreachable');
    const entry = faceIdError(parsed.code);
    expect(createOutcome(entry.reason, { charged: entry.charged })).toMatchObject({
      status: 'invalid_input',
      reason: 'INVALID_PARAMETER',
      charged: false,
    });
  });

  it('RequestLimitExceeded: backs off and retries (not billed), then reports RATE_LIMITED', async () => {
    const before = simulator.stats.count('BankCardVerification');
    const outcome = await verifyWith(provider, request(3, card('rate_limited')), ctx());
    expect(outcome).toMatchObject({ status: 'unavailable', reason: 'RATE_LIMITED', charged: false, retryAfter: 1 });
    expect(simulator.stats.count('BankCardVerification') - before).toBe(3);
  });

  it('AuthFailure.SignatureExpire: re-signs once with the server clock, then succeeds', async () => {
    const before = simulator.stats.count('BankCardVerification');
    const fast = createTencentFaceIdProvider({ secretId, secretKey, endpoint: server.url });
    const outcome = await verifyWith(fast, request(3, {}), ctx({ now: () => Date.now() + 10 * 60_000 }));
    expect(outcome).toMatchObject({ status: 'verified', charged: true });
    expect(simulator.stats.count('BankCardVerification') - before).toBe(2);
  });

  it('enforces the documented 20 requests per second', async () => {
    const sim = createFaceIdSimulator({ now: () => 1_700_000_000_000 });
    const local = await serveForSuite(sim.app);
    const p = createTencentFaceIdProvider({ secretId, secretKey, endpoint: local.url, rateLimitRetries: 0 });
    const clock = { now: () => 1_700_000_000_000 };
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => verifyWith(p, request(3, {}), ctx(clock))));
    expect(outcomes.filter((o) => o?.status === 'verified')).toHaveLength(20);
    expect(outcomes.filter((o) => o?.reason === 'RATE_LIMITED')).toHaveLength(5);
  });
});

describe('FaceID Encryption with SM4-GCM (SM2-wrapped key)', () => {
  const sm4 = createTencentFaceIdProvider({
    secretId,
    secretKey,
    endpoint: server.url,
    encryptionPublicKey: SANDBOX_SM2_PUBLIC_KEY,
    encryptionAlgorithm: 'SM4-GCM',
  });

  it('2, 3 and 4 elements: every field sent encrypted, one tag each; the simulator decrypts and verifies', async () => {
    const recording = recordingFetch();
    for (const kind of [2, 3, 4] as const) {
      expect(await verifyWith(sm4, request(kind, {}), ctx({ fetch: recording.fetch }))).toMatchObject({
        status: 'verified',
      });
    }
    expect(await verifyWith(sm4, request(3, { name: '李四' }), ctx())).toMatchObject({ status: 'mismatch' });
    for (const { body } of recording.sent) {
      for (const raw of [HOLDER.name, HOLDER.idNumber, HOLDER.cardNumber, HOLDER.phone])
        expect(body).not.toContain(raw);
      const { Encryption: e } = JSON.parse(body);
      expect(e.Algorithm).toBe('SM4-GCM');
      expect(e.TagList).toHaveLength(e.EncryptList.length);
      expect(fromBase64(e.Iv)).toHaveLength(12);
    }
    expect(recording.sent.map((r) => JSON.parse(r.body).Encryption.EncryptList)).toEqual([
      ['Name', 'BankCard'],
      ['Name', 'IdCard', 'BankCard'],
      ['Name', 'IdCard', 'BankCard', 'Phone'],
    ]);
  });

  it('a changed ciphertext, a wrong tag, or one tag missing: DecryptSystemError, not a verdict', async () => {
    const key = await importFaceIdEncryptionKey(SANDBOX_SM2_PUBLIC_KEY, 'SM4-GCM');
    const tampered = [
      (b: Record<string, unknown>) => {
        b.Name = `A${String(b.Name).slice(1)}`;
      },
      (b: { Encryption: { TagList: string[] } }) => {
        b.Encryption.TagList.reverse();
      },
      (b: { Encryption: { TagList: string[] } }) => {
        b.Encryption.TagList.pop();
      },
    ];
    for (const change of tampered) {
      const body = await encryptFields(faceIdBody(request(3, {})), ['Name', 'IdCard', 'BankCard'], key, ctx());
      change(body as never);
      const res = await postSigned(
        JSON.stringify(body),
        { 'content-type': 'application/json; charset=utf-8' },
        '127.0.0.1',
      );
      expect((await res.json()).Response.Error.Code).toBe('FailedOperation.DecryptSystemError');
    }
  });

  it("takes a key wrapped as Tencent's Node tool wraps it (gm-crypto SM2, C1C3C2, 04 prefix)", async () => {
    const sek = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const body: Record<string, unknown> = { ...faceIdBody(request(3, {})) };
    const tags: string[] = [];
    for (const field of ['Name', 'IdCard', 'BankCard']) {
      const { ciphertext, tag } = sm4GcmEncrypt(sek, iv, new TextEncoder().encode(String(body[field])));
      body[field] = toBase64(ciphertext);
      tags.push(toBase64(tag));
    }
    const point = parseSm2PublicKey(SANDBOX_SM2_PUBLIC_KEY).pointHex;
    body.Encryption = {
      EncryptList: ['Name', 'IdCard', 'BankCard'],
      CiphertextBlob: SM2.encrypt(Buffer.from(sek), point, {
        mode: SM2.constants.C1C3C2,
        outputEncoding: 'base64',
        pc: true,
      } as Parameters<typeof SM2.encrypt>[2] & { pc: boolean }),
      Iv: toBase64(iv),
      Algorithm: 'SM4-GCM',
      TagList: tags,
    };
    const res = await postSigned(
      JSON.stringify(body),
      { 'content-type': 'application/json; charset=utf-8' },
      '127.0.0.1',
    );
    expect((await res.json()).Response.Result).toBe('0');
  });
});

describe('FaceID Encryption (AES-256-CBC, RSA-wrapped key)', () => {
  const p = createTencentFaceIdProvider({
    secretId,
    secretKey,
    endpoint: server.url,
    encryptionPublicKey: SANDBOX_RSA_PUBLIC_KEY,
  });

  it('encrypts every field; the simulator decrypts and verifies', async () => {
    expect(await verifyWith(p, request(4, {}), ctx())).toMatchObject({ status: 'verified' });
    expect(await verifyWith(p, request(3, { name: '李四' }), ctx())).toMatchObject({ status: 'mismatch' });
    expect(await verifyWith(p, request(2, {}), ctx())).toMatchObject({ status: 'verified' });
    expect(await verifyWith(p, request(2, { name: '李四' }), ctx())).toMatchObject({ status: 'mismatch' });
  });

  it('2 elements: EncryptList names the two fields the action takes', async () => {
    const recording = recordingFetch();
    expect(await verifyWith(p, request(2, {}), ctx({ fetch: recording.fetch }))).toMatchObject({ status: 'verified' });
    const sent = recording.sent[0]?.body ?? '{}';
    const body = JSON.parse(sent);
    expect(body.Encryption.EncryptList).toEqual(['Name', 'BankCard']);
    expect(Object.keys(body).sort()).toEqual(['BankCard', 'Encryption', 'Name']);
    for (const raw of [HOLDER.name, HOLDER.cardNumber]) expect(sent).not.toContain(raw);
  });

  it('sends no field in clear and a fresh key and IV per request', async () => {
    const recording = recordingFetch();
    await verifyWith(p, request(4, {}), ctx({ fetch: recording.fetch }));
    await verifyWith(p, request(4, {}), ctx({ fetch: recording.fetch }));
    const bodies = recording.sent.map((r) => r.body);
    for (const body of bodies) {
      for (const raw of [HOLDER.name, HOLDER.idNumber, HOLDER.cardNumber, HOLDER.phone])
        expect(body).not.toContain(raw);
    }
    const [a, b] = bodies.map((body) => JSON.parse(body).Encryption);
    expect(a.EncryptList).toEqual(['Name', 'IdCard', 'BankCard', 'Phone']);
    expect(a.Iv).not.toBe(b.Iv);
    expect(a.CiphertextBlob).not.toBe(b.CiphertextBlob);
  });
});

describe('third-party TC3 clients', () => {
  const send = async (signed: Record<string, string>, hostInSignature: string) => {
    const res = await postSigned(JSON.stringify(faceIdBody(request(3, {}))), signed, hostInSignature);
    return (await res.json()) as { Response: { Result?: string; Error?: { Code: string } } };
  };

  it('accepts a client that signs more headers and the host with its port', async () => {
    const signed = { 'content-type': 'application/json', 'x-tc-action': 'BankCardVerification' };
    const res = await send(signed, new URL(server.url).host);
    expect(res.Response.Result).toBe('0');
  });

  it('accepts the bare host name, as Tencent SDKs sign it', async () => {
    const res = await send({ 'content-type': 'application/json; charset=utf-8' }, '127.0.0.1');
    expect(res.Response.Result).toBe('0');
  });

  it('rejects a tampered body with the real error shape', async () => {
    const payload = JSON.stringify(faceIdBody(request(3, {})));
    const res = await postSigned(
      payload,
      { 'content-type': 'application/json' },
      '127.0.0.1',
      payload.replace('张三', '李四'),
    );
    const json = (await res.json()) as { Response: { Error: { Code: string; Message: string }; RequestId: string } };
    expect(res.status).toBe(200);
    expect(Object.keys(json.Response)).toEqual(['Error', 'RequestId']);
    expect(json.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  });
});

describe('faults', () => {
  it('a simulator that hangs gives a bounded timeout and charged: unknown', async () => {
    const started = Date.now();
    const error = await verifyWith(provider, request(3, card('hang')), ctx({ timeoutMs: 300 })).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ code: 'ERR_PROVIDER_TIMEOUT', sent: true });
    expect(outcomeFromError('tencent-faceid', error)).toMatchObject({
      status: 'unavailable',
      reason: 'TIMEOUT',
      charged: 'unknown',
      retryable: false,
    });
  });

  it("a gateway's 502 HTML page is a network error: the API never took it, nothing charged", async () => {
    const error = await verifyWith(provider, request(3, card('garbage')), ctx()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_PROVIDER_NETWORK' });
    expect(outcomeFromError('tencent-faceid', error)).toMatchObject({ status: 'unavailable', charged: false });
  });

  it('a truncated body is a typed ProviderResponseError', async () => {
    const error = await verifyWith(provider, request(3, card('truncated')), ctx()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_PROVIDER_RESPONSE', httpStatus: 200 });
  });

  it('a refused connection was never sent: not charged', async () => {
    const closed = await serveForSuite(createFaceIdSimulator().app);
    await closed.close();
    const p = createTencentFaceIdProvider({ secretId, secretKey, endpoint: closed.url });
    const error = await verifyWith(p, request(3, {}), ctx()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_PROVIDER_NETWORK' });
    expect(outcomeFromError('tencent-faceid', error)).toMatchObject({ reason: 'PROVIDER_ERROR', charged: false });
  });
});
