import { canServe, type VerifyRequest, verifyWith } from '@cardbind/core/contract';
import { outcomeFromError } from '@cardbind/core/outcome';
import {
  createRzProvider,
  parseRzResponse,
  type RzConfig,
  rzOutcome,
  rzSign,
} from '@cardbind/core/providers/rz/internal';
import { createRzSimulator, RZ_FOUR_ELEMENT_TYPE, RZ_MERCHANTS, RZ_PATH } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { chinaTime } from '../../../src/providers/shared/sorted-fields.js';
import { expectBrokenAnswersTyped, expectNoTwoElementCheck } from '../../expectations.js';
import { BAD_CHECKSUM_ID, verifyRequest } from '../../requests.js';
import { card, ctx, HOLDER, serveForSuite } from '../../simulators.js';

const simulator = createRzSimulator();
const server = await serveForSuite(simulator.app);
const endpoint = new URL(RZ_PATH, server.url).href;
const base: RzConfig = {
  endpoint,
  merchantNo: RZ_MERCHANTS.active.merchantNo,
  key: RZ_MERCHANTS.active.key,
  fourElementVerifyType: RZ_FOUR_ELEMENT_TYPE,
};
const provider = createRzProvider(base);

const request = verifyRequest;

/** A raw request the provider would refuse to build, signed correctly, mapped by the provider's own parser. */
async function raw(fields: Record<string, string>, key: string = base.key) {
  const body = {
    merchantNo: base.merchantNo,
    acctNo: HOLDER.cardNumber,
    acctName: HOLDER.name,
    certNo: HOLDER.idNumber,
    certType: 'ID_CARD',
    orderId: request(3).orderNo,
    orderDate: chinaTime(Date.now()).date,
    verifyType: 'RZ03',
    signType: 'MD5',
    ...fields,
  };
  const signed = { ...body, sign: fields.sign ?? (await rzSign(body, key, 'MD5')) };
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signed),
  });
  return rzOutcome(
    await parseRzResponse({ status: res.status, headers: res.headers, text: await res.text() }, base.key, 'MD5'),
  );
}

type Row = [code: string, how: () => Promise<unknown>, status: string, reason: string, charged: boolean | 'unknown'];
const via =
  (p: ReturnType<typeof createRzProvider>, r: VerifyRequest, options = {}) =>
  () =>
    verifyWith(p, r, ctx(options));
const withConfig = (config: Partial<RzConfig>) => createRzProvider({ ...base, ...config });

// Every return code of rz-three-element-auth.md.
const ROWS: Row[] = [
  ['0000', via(provider, request(3)), 'verified', 'VERIFIED', true],
  ['0001', via(provider, request(3, { name: '李四' })), 'mismatch', 'MISMATCH', true],
  ['1000', via(provider, request(3, card('internal_error'))), 'unavailable', 'PROVIDER_ERROR', 'unknown'],
  ['1002', via(withConfig(RZ_MERCHANTS.notSubscribed), request(3)), 'failed', 'SERVICE_NOT_ACTIVATED', false],
  ['1003', () => raw({ sign: 'not-a-sign' }), 'failed', 'SIGNATURE_REJECTED', false],
  ['1008', via(provider, request(3, card('lost'))), 'card_rejected', 'VERIFICATION_REJECTED', 'unknown'],
  ['1009', () => raw({ certType: 'PASSPORT' }), 'invalid_input', 'INVALID_PARAMETER', false],
  ['1011', via(withConfig(RZ_MERCHANTS.noKey), request(3)), 'failed', 'MERCHANT_KEY_INVALID', false],
  ['1012', via(provider, request(3, card('data_check_failed'))), 'failed', 'DECRYPT_FAILED', false],
  ['1013', via(withConfig(RZ_MERCHANTS.noBalance), request(3)), 'failed', 'INSUFFICIENT_BALANCE', false],
  ['1014', via(withConfig(RZ_MERCHANTS.keyMisconfigured), request(3)), 'failed', 'MERCHANT_KEY_INVALID', false],
  ['1015', via(withConfig(RZ_MERCHANTS.productNotLinked), request(3)), 'failed', 'SERVICE_NOT_ACTIVATED', false],
  ['1016', () => raw({ orderId: 'O'.repeat(33) }), 'invalid_input', 'INVALID_PARAMETER', false],
  ['1017', via(withConfig({ merchantNo: 'BAD' }), request(3)), 'failed', 'MERCHANT_INVALID', false],
  [
    '1018',
    via(provider, request(3), { now: () => Date.now() - 5 * 86_400_000 }),
    'invalid_input',
    'INVALID_PARAMETER',
    false,
  ],
  ['1019', via(withConfig({ key: 'wrong-key' }), request(3)), 'failed', 'SIGNATURE_REJECTED', false],
  ['1020', via(withConfig({ fourElementVerifyType: 'RZ99' }), request(4)), 'invalid_input', 'INVALID_PARAMETER', false],
  ['1021', via(provider, request(3, { cardNumber: '62220200' })), 'invalid_input', 'CARD_NUMBER_FORMAT', false],
  ['1022', via(provider, request(3, { idNumber: BAD_CHECKSUM_ID })), 'invalid_input', 'ID_NUMBER_INVALID', false],
  ['1023', via(provider, request(3, { name: 'Zhang San' })), 'invalid_input', 'NAME_INVALID', false],
  ['1024', via(provider, request(4, { phone: '12800138000' })), 'invalid_input', 'PHONE_INVALID', false],
  ['1026', via(withConfig(RZ_MERCHANTS.disabled), request(3)), 'failed', 'MERCHANT_INVALID', false],
  ['1028', via(withConfig({ merchantNo: 'M999999' }), request(3)), 'failed', 'MERCHANT_INVALID', false],
  ['1030', () => raw({ acctName: '' }), 'invalid_input', 'INVALID_PARAMETER', false],
  ['1100', via(provider, request(3, card('busy'))), 'unavailable', 'PROVIDER_ERROR', 'unknown'],
  ['1101', via(provider, request(3, card('status_abnormal'))), 'card_rejected', 'VERIFICATION_REJECTED', 'unknown'],
  ['1102', via(provider, request(3, card('restricted'))), 'card_rejected', 'RISK_RESTRICTED', false],
];

describe('RZ: every return code, simulator → provider → outcome', () => {
  it.each(ROWS)('%s', async (code, how, status, reason, charged) => {
    const outcome = (await how()) as { provider?: { code: string } };
    expect(outcome.provider?.code).toBe(code);
    expect(outcome).toMatchObject({ status, reason, charged });
  });

  it('1010: the same orderId on the same day is refused', async () => {
    const r = request(3);
    expect(await verifyWith(provider, r, ctx())).toMatchObject({ status: 'verified' });
    expect(await verifyWith(provider, r, ctx())).toMatchObject({
      status: 'failed',
      reason: 'DUPLICATE_ORDER',
      charged: false,
      provider: { code: '1010' },
    });
  });

  it('data.status UNKNOWN is never verified, even under code 0000', async () => {
    const outcome = await verifyWith(provider, request(3, card('unknown_failure')), ctx());
    expect(outcome).toMatchObject({
      status: 'unavailable',
      reason: 'RESULT_UNKNOWN',
      charged: 'unknown',
      provider: { code: '0000' },
    });
  });

  it('four elements with the configured verifyType: verified, and the phone is checked', async () => {
    expect(await verifyWith(provider, request(4), ctx())).toMatchObject({ status: 'verified' });
    expect(await verifyWith(provider, request(4, { phone: '13900000000' }), ctx())).toMatchObject({
      status: 'mismatch',
    });
    expect(canServe(createRzProvider({ ...base, fourElementVerifyType: undefined as never }), 'verify4')).toBe(false);
  });

  it('signs with HMAC-SHA256 when configured, both ways', async () => {
    const hmac = withConfig({ signType: 'HMAC-SHA256' });
    expect(await verifyWith(hmac, request(3), ctx())).toMatchObject({ status: 'verified' });
  });

  it('refuses to build an orderId the API cannot take', async () => {
    await expect(verifyWith(provider, request(3, { orderNo: 'x'.repeat(33) }), ctx())).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });
});

describe('RZ response authenticity and faults', () => {
  it('a verified answer with a forged sign is a ProviderSignatureError', async () => {
    const forged: typeof fetch = async () =>
      new Response(
        JSON.stringify({
          code: '0000',
          desc: 'ok',
          data: { transId: 'T', transDate: '20261122', status: 'SUCCESS' },
          sign: 'A'.repeat(32),
        }),
      );
    await expect(verifyWith(provider, request(3), ctx({ fetch: forged }))).rejects.toMatchObject({
      code: 'ERR_PROVIDER_SIGNATURE',
    });
  });

  it('a hang times out with charge unknown; a 502 page is a network error; truncation a response error', async () => {
    const error = await verifyWith(provider, request(3, card('hang')), ctx({ timeoutMs: 250 })).catch(
      (e: unknown) => e,
    );
    expect(outcomeFromError('rz', error)).toMatchObject({ reason: 'TIMEOUT', charged: 'unknown' });
    await expectBrokenAnswersTyped(provider);
  });
});

describe('RZ has no 2-element check', () => {
  it('does not declare verify2, and refuses a 2-element request with a typed error before sending anything', () =>
    expectNoTwoElementCheck(provider));
});
