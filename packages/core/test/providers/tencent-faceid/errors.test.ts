import { verifyWith } from '@cardbind/core/contract';
import { createOutcome } from '@cardbind/core/outcome';
import {
  createTencentFaceIdProvider,
  encryptFields,
  faceIdBody,
  faceIdError,
  importFaceIdEncryptionKey,
  parseFaceIdResponse,
} from '@cardbind/core/providers/tencent-faceid/internal';
import { ACCOUNT_STATE_SECRET_IDS, createFaceIdSimulator, SANDBOX_RSA_PUBLIC_KEY } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../requests.js';
import { card, ctx, HOLDER, serveForSuite } from '../../simulators.js';
import { faceIdFixture, secretId, secretKey } from './faceid.js';

const { postSigned, provider, server, simulator } = await faceIdFixture();

const request = verifyRequest;

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
