import { canServe, verifyWith } from '@cardbind/core/contract';
import { outcomeFromError } from '@cardbind/core/outcome';
import { createTencentFaceIdProvider } from '@cardbind/core/providers/tencent-faceid/internal';
import { createFaceIdSimulator } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { BAD_CHECKSUM_ID, type OutcomeCase, PERMIT_ID, recordingFetch, verifyRequest } from '../../requests.js';
import { card, ctx, HOLDER, serveForSuite } from '../../simulators.js';
import { faceIdFixture, secretId, secretKey } from './faceid.js';

const { provider } = await faceIdFixture();

type Case = OutcomeCase;

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
