import type { BindCardRequest } from '@cardbind/core/contract';
import { importRsaPrivateKey, importRsaPublicKey } from '@cardbind/core/crypto';
import {
  type AggregatePayConfig,
  CREATE_PATH,
  createAggregatePayProvider,
  createAggSigner,
  openSigned,
  readWrapper,
  sealEnvelope,
} from '@cardbind/core/providers/aggregate-pay/internal';
import {
  AGG_CUSTOMERS,
  AGG_IDENTIFY_TRIGGERS,
  SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
  SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
  SANDBOX_RSA_PUBLIC_KEY,
} from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { ctx } from '../../simulators.js';
import { aggregatePayFixture, bindRequests } from './aggregate-pay.js';

const { config, provider, server } = await aggregatePayFixture();

// Refusals notify nobody: no merchant listens here.
const bindRequest = bindRequests('http://127.0.0.1:9');

describe('every errCode, simulator → provider → outcome', () => {
  const refused = async (p: typeof provider, request: BindCardRequest) => {
    const result = await p.createBind(request, ctx());
    if (result.ok) throw new Error('expected a refusal');
    return result.outcome;
  };

  it.each([
    ['9999', { identifyId: AGG_IDENTIFY_TRIGGERS['9999'] }, 'failed', 'UNKNOWN'],
    ['1001', { identifyId: AGG_IDENTIFY_TRIGGERS['1001'] }, 'unavailable', 'PROVIDER_ERROR'],
    ['2002', { identifyId: AGG_IDENTIFY_TRIGGERS['2002'] }, 'unavailable', 'PROVIDER_ERROR'],
    ['1002', { expiresAt: new Date(Date.now() - 60_000) }, 'invalid_input', 'INVALID_PARAMETER'],
  ] as const)('%s', async (code, overrides, status, reason) => {
    expect(await refused(provider, bindRequest(overrides))).toMatchObject({
      status,
      reason,
      charged: false,
      provider: { code },
    });
  });

  it('1003: a required field empty (a raw request the provider would not build)', async () => {
    const signer = createAggSigner({ type: 'MD5', md5Key: AGG_CUSTOMERS.md5.md5Key });
    const plain = { customerNo: config.customerNo, orderNo: 'RAW1', userType: 'USER_ID', identifyId: '' };
    const envelope = sealEnvelope(
      { ...plain, sign: await signer.sign(plain) },
      config.customerNo,
      await importRsaPublicKey(SANDBOX_RSA_PUBLIC_KEY),
    );
    const res = await fetch(new URL(CREATE_PATH, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    });
    const wrapper = readWrapper({ status: res.status, headers: res.headers, text: await res.text() });
    if (!wrapper.ok) throw new Error('expected an envelope');
    const answer = await openSigned(
      wrapper.envelope,
      config.customerNo,
      await importRsaPrivateKey(SANDBOX_MERCHANT_RSA_PRIVATE_KEY),
      signer,
    );
    expect(answer).toMatchObject({ errCode: '1003', errMessage: '必填参数为空' });
  });

  it('2001: a merchant whose account is frozen', async () => {
    const frozen = createAggregatePayProvider({
      ...config,
      customerNo: AGG_CUSTOMERS.frozen.customerNo,
      md5Key: AGG_CUSTOMERS.frozen.md5Key,
    });
    expect(await refused(frozen, bindRequest())).toMatchObject({
      status: 'failed',
      reason: 'MERCHANT_INVALID',
      provider: { code: '2001' },
    });
  });

  it('2104: the same orderNo twice', async () => {
    const request = bindRequest();
    expect((await provider.createBind(request, ctx())).ok).toBe(true);
    expect(await refused(provider, request)).toMatchObject({
      status: 'failed',
      reason: 'DUPLICATE_ORDER',
      provider: { code: '2104' },
    });
  });

  it('2106: querying an order that does not exist', async () => {
    expect(await provider.queryBind('NO-SUCH-ORDER', ctx())).toMatchObject({
      status: 'FAIL',
      outcome: { reason: 'ORDER_NOT_FOUND' },
      provider: { code: '2106' },
    });
  });

  it.each([
    [
      '400 (cannot decrypt: encrypted to another platform key)',
      { platformPublicKey: SANDBOX_MERCHANT_RSA_PUBLIC_KEY },
      'DECRYPT_FAILED',
    ],
    ['401 (wrong signing key)', { md5Key: 'wrong' }, 'SIGNATURE_REJECTED'],
    ['403 (unknown merchant)', { customerNo: '000000000000' }, 'MERCHANT_INVALID'],
  ] as const)('wrapper %s', async (_, overrides, reason) => {
    const p = createAggregatePayProvider({ ...config, ...(overrides as Partial<AggregatePayConfig>) });
    expect(await refused(p, bindRequest())).toMatchObject({ status: 'failed', reason, charged: false });
  });

  it('refuses a submitUrl outside the allowed hosts (a tampered or misconfigured answer)', async () => {
    const strict = createAggregatePayProvider({ ...config, submitUrlPolicy: { allowedHosts: ['bank.example'] } });
    await expect(strict.createBind(bindRequest(), ctx())).rejects.toMatchObject({ code: 'ERR_PROVIDER_RESPONSE' });
  });

  it('checks lengths and enums before sending', async () => {
    await expect(provider.createBind(bindRequest({ identifyId: 'x'.repeat(65) }), ctx())).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(provider.createBind(bindRequest({ userType: 'NOPE' as never }), ctx())).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });
});
