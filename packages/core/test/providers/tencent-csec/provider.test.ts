import { verifyWith } from '@cardbind/core/contract';
import { outcomeFromError } from '@cardbind/core/outcome';
import {
  CSEC_PATH,
  createTencentCsecProvider,
  v2Signature,
  v2StringToSign,
} from '@cardbind/core/providers/tencent-csec/internal';
import { ACCOUNT_STATE_SECRET_IDS, createCsecSimulator, SANDBOX_CREDENTIALS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { expectBrokenAnswersTyped, expectNoTwoElementCheck } from '../../expectations.js';
import { BAD_CHECKSUM_ID, type OutcomeCase, recordingFetch, verifyRequest } from '../../requests.js';
import { card, ctx, HOLDER, serveForSuite } from '../../simulators.js';

const simulator = createCsecSimulator();
const server = await serveForSuite(simulator.app);
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentCsec;
const provider = createTencentCsecProvider({ secretId, secretKey, endpoint: server.url });

const request = verifyRequest;

type Case = OutcomeCase;

// Every authCode of the csec document. Its billing is not documented: charged
// follows the FaceID rule (pre-bank format checks free, bank verdicts billed).
const AUTH_CODES: Case[] = [
  ['00', {}, 'verified', 'VERIFIED', true],
  ['98', { name: '李四' }, 'mismatch', 'MISMATCH', true],
  ['01', { name: 'Zhang San' }, 'invalid_input', 'NAME_INVALID', false],
  ['03', { cardNumber: '62220200' }, 'invalid_input', 'CARD_NUMBER_FORMAT', false],
  ['05', { idNumber: BAD_CHECKSUM_ID }, 'invalid_input', 'INVALID_PARAMETER', false],
  ['06', card('cardholder_info_wrong'), 'mismatch', 'CARDHOLDER_INFO_MISMATCH', true],
  ['07', card('cardless_disabled'), 'card_rejected', 'CARD_CARDLESS_DISABLED', true],
  ['09', card('confiscated'), 'card_rejected', 'CARD_CONFISCATED', true],
  ['12', card('invalid_card'), 'card_rejected', 'CARD_NUMBER_INVALID', true],
  ['13', card('no_issuer'), 'card_rejected', 'CARD_NO_ISSUER', true],
  ['14', card('dormant'), 'card_rejected', 'CARD_DORMANT', true],
  ['15', card('fraud'), 'card_rejected', 'CARD_FRAUD', true],
  ['16', card('lost'), 'card_rejected', 'CARD_LOST', true],
  ['17', card('expired'), 'card_rejected', 'CARD_EXPIRED', true],
  ['18', card('restricted'), 'card_rejected', 'CARD_RESTRICTED', true],
  ['19', card('pin_locked'), 'card_rejected', 'CARD_PIN_LOCKED', true],
  ['23', card('issuer_unsupported'), 'card_rejected', 'ISSUER_UNSUPPORTED', true],
  ['10', { orderNo: '' }, 'invalid_input', 'INVALID_PARAMETER', false],
  ['99', { orderNo: 'order/with spaces' }, 'invalid_input', 'INVALID_PARAMETER', false],
];

describe('csec BspBankCard3Auth: every authCode, simulator → provider → outcome', () => {
  it.each(AUTH_CODES)('authCode %s', async (code, input, status, reason, charged) => {
    const outcome = await verifyWith(provider, request(3, input), ctx());
    expect(outcome?.provider?.code).toBe(code);
    expect(outcome).toMatchObject({ status, reason, charged });
  });
});

describe('csec BspBankCardAuth4', () => {
  it.each(AUTH_CODES)('authCode %s', async (code, input, status, reason, charged) => {
    const outcome = await verifyWith(provider, request(4, input), ctx());
    expect(outcome?.provider?.code).toBe(code);
    expect(outcome).toMatchObject({ status, reason, charged });
  });

  it('checks the phone against the cardholder', async () => {
    expect(await verifyWith(provider, request(4, { phone: '13900000000' }), ctx())).toMatchObject({
      status: 'mismatch',
      provider: { code: '98' },
    });
    expect(await verifyWith(provider, request(4, { phone: '1380013800' }), ctx())).toMatchObject({
      provider: { code: '05' },
    });
  });
});

describe('csec platform codes', () => {
  it('4100: a wrong secret → SIGNATURE_REJECTED, not charged', async () => {
    const wrong = createTencentCsecProvider({ secretId, secretKey: 'wrong', endpoint: server.url });
    expect(await verifyWith(wrong, request(3), ctx())).toMatchObject({
      status: 'failed',
      reason: 'SIGNATURE_REJECTED',
      charged: false,
      provider: { code: '4100' },
    });
  });

  it('4500: a reused Nonce is a replay', async () => {
    const fixed = ctx({ randomBytes: (n) => new Uint8Array(n).fill(9) });
    expect(await verifyWith(provider, request(3), fixed)).toMatchObject({ status: 'verified' });
    expect(
      await verifyWith(provider, request(3), ctx({ randomBytes: (n) => new Uint8Array(n).fill(9) })),
    ).toMatchObject({
      status: 'failed',
      reason: 'REQUEST_REPLAYED',
      charged: false,
      provider: { code: '4500' },
    });
  });

  it('4500: a Timestamp more than 2 hours off is a replay', async () => {
    const outcome = await verifyWith(provider, request(3), ctx({ now: () => Date.now() - 3 * 3600_000 }));
    expect(outcome).toMatchObject({ reason: 'REQUEST_REPLAYED', provider: { code: '4500' } });
  });

  it.each([
    [ACCOUNT_STATE_SECRET_IDS.frozen, '4300', 'MERCHANT_INVALID'],
    [ACCOUNT_STATE_SECRET_IDS.nonactivated, '5000', 'SERVICE_NOT_ACTIVATED'],
    [ACCOUNT_STATE_SECRET_IDS.arrears, '5300', 'INSUFFICIENT_BALANCE'],
  ])('account %s → %s', async (id, code, reason) => {
    const p = createTencentCsecProvider({ secretId: id, secretKey, endpoint: server.url });
    expect(await verifyWith(p, request(3), ctx())).toMatchObject({
      status: 'failed',
      reason,
      charged: false,
      provider: { code },
    });
  });

  it.each([
    ['rate_limited', '4400', 'unavailable', 'RATE_LIMITED', false],
    ['busy', '6200', 'unavailable', 'PROVIDER_BUSY', false],
    ['internal_error', '6000', 'unavailable', 'PROVIDER_ERROR', 'unknown'],
  ] as const)('%s → %s', async (scenario, code, status, reason, charged) => {
    expect(await verifyWith(provider, request(3, card(scenario)), ctx())).toMatchObject({
      status,
      reason,
      charged,
      provider: { code },
    });
  });

  it('4000: a request without the common parameters', async () => {
    const res = await fetch(new URL(CSEC_PATH, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'orderNo=1',
    });
    expect(await res.json()).toEqual({ code: 4000, message: '请求参数非法', codeDesc: 'InvalidParameter' });
  });

  it('HmacSHA1 is accepted when requested, and the default is HmacSHA256', async () => {
    const sha1 = createTencentCsecProvider({ secretId, secretKey, endpoint: server.url, signatureMethod: 'HmacSHA1' });
    expect(await verifyWith(sha1, request(3), ctx())).toMatchObject({ status: 'verified' });
    const recording = recordingFetch();
    await verifyWith(provider, request(3), ctx({ fetch: recording.fetch }));
    const form = new URLSearchParams(recording.sent[0]?.body);
    expect(form.get('SignatureMethod')).toBe('HmacSHA256');
    expect(form.get('Action')).toBe('BspBankCard3Auth');
    const params = Object.fromEntries(form);
    expect(form.get('Signature')).toBe(
      await v2Signature(secretKey, v2StringToSign('POST', '127.0.0.1', CSEC_PATH, params), 'HmacSHA256'),
    );
  });

  it('answers a success in the documented shape', async () => {
    const form = new URLSearchParams({
      Action: 'BspBankCard3Auth',
      Nonce: '777',
      Timestamp: String(Math.floor(Date.now() / 1000)),
      SecretId: secretId,
      orderNo: 'ORDER1',
      name: HOLDER.name,
      idNumber: HOLDER.idNumber,
      bankCardNumber: HOLDER.cardNumber,
    });
    form.set(
      'Signature',
      await v2Signature(
        secretKey,
        v2StringToSign('POST', '127.0.0.1', CSEC_PATH, Object.fromEntries(form)),
        'HmacSHA1',
      ),
    );
    const res = await fetch(new URL(CSEC_PATH, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(await res.text()).toBe(
      '{"bspFivBody":{"authCode":"00","authMessage":"认证通过"},"code":0,"codeDesc":"Success","message":"No Error"}',
    );
  });
});

describe('faults', () => {
  it('a hanging simulator: bounded timeout, charged unknown', async () => {
    const error = await verifyWith(provider, request(3, card('hang')), ctx({ timeoutMs: 250 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ERR_PROVIDER_TIMEOUT', sent: true });
    expect(outcomeFromError('tencent-csec', error)).toMatchObject({ reason: 'TIMEOUT', charged: 'unknown' });
  });

  it('a 502 gateway page is a network error (not charged); a truncated body a response error', async () => {
    await expectBrokenAnswersTyped(provider);
  });
});

describe('csec has no 2-element check', () => {
  it('does not declare verify2, and refuses a 2-element request with a typed error before sending anything', () =>
    expectNoTwoElementCheck(provider));
});
