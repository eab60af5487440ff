import type {
  BindCardRequest,
  BindCreateResult,
  Binder,
  BindNotification,
  BindResult,
  BindStatus,
  CallContext,
} from '../../contract/types.js';
import { importRsaPrivateKey, importRsaPublicKey, rsaKeyBytes } from '../../crypto/rsa.js';
import { ConfigurationError, ProviderResponseError, ProviderSignatureError } from '../../errors.js';
import { createOutcome, type Outcome, type ProviderDetail } from '../../outcome/outcome.js';
import { notPii } from '../../pii/masked.js';
import { send } from '../shared/http.js';
import { importedKey } from '../shared/imported-key.js';
import { isRecord } from '../shared/object.js';
import {
  type AggSignType,
  type BindCardCreateResultPlain,
  CREATE_PATH,
  type Envelope,
  QUERY_PATH,
} from './api-types.js';
import { AGG_DECLINED, AGG_ERR_CODES, AGG_WRAPPER_CODES } from './codes.js';
import { isEnvelope, sealEnvelope } from './envelope.js';
import { formDescriptor, type SubmitUrlPolicy } from './form.js';
import { buildCreatePlain } from './request.js';
import { AGG_PROVIDER_ID, openSigned, readWrapper } from './response.js';
import { createAggSigner } from './sign.js';

export interface AggregatePayConfig {
  /** Base URL of the open API, e.g. `https://open.example.com`. */
  baseUrl: string;
  /** Our merchant number (`customerNo`). */
  customerNo: string;
  /** The platform's RSA public key (SPKI PEM): requests are encrypted to it, RSA signatures checked with it. */
  platformPublicKey: string;
  /** Our RSA private key (PKCS#8 PEM): answers and notifications are encrypted to us; RSA signing. */
  merchantPrivateKey: string;
  /** Defaults to `MD5`. */
  signType?: AggSignType;
  /** The MD5 signing key. */
  md5Key?: string;
  /** Where the bank page may be. */
  submitUrlPolicy: SubmitUrlPolicy;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const MASKED_CARD = /^\d{6}\*{2,9}\d{4}$/;

/**
 * The most plaintext a notification can carry: every field of the status
 * answer at its longest is about 700 bytes (a 344-character RSA signature,
 * a 64-character order number and bind id, a Chinese message). Anything
 * longer is refused before any private-key operation.
 */
export const MAX_NOTIFICATION_PLAINTEXT = 1024;

/** Aggregated-pay one-click bind card: create, asynchronous notification, query. */
export function createAggregatePayProvider(config: AggregatePayConfig): Binder {
  if (!config.baseUrl || !config.customerNo || !config.platformPublicKey || !config.merchantPrivateKey) {
    throw new ConfigurationError('aggregate-pay: baseUrl, customerNo and both RSA keys are required');
  }
  const platformKey = importedKey(importRsaPublicKey(config.platformPublicKey), 'aggregate-pay: platformPublicKey');
  const merchantKey = importedKey(importRsaPrivateKey(config.merchantPrivateKey), 'aggregate-pay: merchantPrivateKey');
  const signer = createAggSigner({
    type: config.signType ?? 'MD5',
    ...(config.md5Key ? { md5Key: config.md5Key } : {}),
    privateKeyPem: config.merchantPrivateKey,
    peerPublicKeyPem: config.platformPublicKey,
  });
  const detail = (code: string, message?: string): ProviderDetail =>
    message ? { id: AGG_PROVIDER_ID, code, message } : { id: AGG_PROVIDER_ID, code };

  /** Signs, seals, posts; returns the opened answer or a wrapper-level failure outcome. */
  async function exchange(path: string, plain: Record<string, unknown>, ctx: CallContext) {
    const signed = { ...plain, sign: await signer.sign(plain) };
    const envelope = sealEnvelope(signed, config.customerNo, await platformKey);
    const raw = await send(
      AGG_PROVIDER_ID,
      new URL(path, config.baseUrl).href,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(envelope),
      },
      ctx,
    );
    const wrapper = readWrapper(raw);
    if (!wrapper.ok) {
      const reason = AGG_WRAPPER_CODES[wrapper.code] ?? 'UNKNOWN';
      return {
        ok: false as const,
        outcome: createOutcome(reason, { charged: false, provider: detail(wrapper.code, wrapper.msg) }),
      };
    }
    return {
      ok: true as const,
      plain: await openSigned(wrapper.envelope, config.customerNo, await merchantKey, signer),
    };
  }

  function statusResult(plain: Record<string, unknown>, orderNo: string): BindResult {
    const errCode = String(plain.errCode ?? '');
    const errMessage = String(plain.errMessage ?? '');
    const status: BindStatus = plain.status === 'SUCCESS' ? 'SUCCESS' : plain.status === 'FAIL' ? 'FAIL' : 'PENDING';
    const result: BindResult = {
      orderNo: String(plain.orderNo ?? orderNo),
      status,
      provider: detail(errCode, errMessage),
    };
    if (status === 'SUCCESS') {
      if (typeof plain.bindId !== 'string' || !plain.bindId) {
        throw new ProviderResponseError(AGG_PROVIDER_ID, 'SUCCESS without bindId');
      }
      result.bindId = plain.bindId;
      // Only an already-masked number is kept: a raw one would never be stored.
      if (typeof plain.bankCardNo === 'string' && MASKED_CARD.test(plain.bankCardNo)) {
        result.cardMasked = notPii(plain.bankCardNo);
      }
    }
    if (status === 'FAIL') result.outcome = failureOutcome(errCode, errMessage);
    return result;
  }

  function failureOutcome(errCode: string, errMessage: string): Outcome {
    if (errCode === AGG_DECLINED)
      return createOutcome('BIND_DECLINED', { charged: false, provider: detail(errCode, errMessage) });
    const reason = AGG_ERR_CODES[errCode];
    return createOutcome(reason && reason !== 'VERIFIED' ? reason : 'UNKNOWN', {
      charged: false,
      provider: detail(errCode, errMessage),
    });
  }

  return {
    id: AGG_PROVIDER_ID,

    async createBind(request: BindCardRequest, ctx: CallContext): Promise<BindCreateResult> {
      const plain = buildCreatePlain(config.customerNo, request);
      const answer = await exchange(CREATE_PATH, { ...plain }, ctx);
      if (!answer.ok) return { ok: false, orderNo: request.orderNo, outcome: answer.outcome };
      const result = answer.plain as unknown as BindCardCreateResultPlain;
      if (result.orderNo !== request.orderNo)
        throw new ProviderResponseError(AGG_PROVIDER_ID, 'answer for another order');
      if (result.errCode !== '0000') {
        return { ok: false, orderNo: request.orderNo, outcome: failureOutcome(result.errCode, result.errMessage) };
      }
      return {
        ok: true,
        orderNo: request.orderNo,
        form: formDescriptor(result, config.submitUrlPolicy, AGG_PROVIDER_ID),
        provider: detail(result.errCode, result.errMessage),
      };
    },

    async parseNotification(request: Request): Promise<BindNotification> {
      const type = request.headers.get('content-type') ?? '';
      let envelope: unknown;
      try {
        envelope = type.includes('application/x-www-form-urlencoded')
          ? Object.fromEntries(new URLSearchParams(await request.text()))
          : await request.json();
      } catch (cause) {
        throw new ProviderResponseError(AGG_PROVIDER_ID, 'notification body is not JSON or a form', { cause });
      }
      if (!isEnvelope(envelope)) throw new ProviderResponseError(AGG_PROVIDER_ID, 'notification is not an envelope');
      // The cheap checks first: anyone can post here, and each RSA block costs milliseconds of CPU.
      if (envelope.customerNo !== config.customerNo) {
        throw new ProviderSignatureError(AGG_PROVIDER_ID, 'addressed to another merchant');
      }
      const key = await merchantKey;
      const k = rsaKeyBytes(key);
      const maxBlocks = Math.ceil(MAX_NOTIFICATION_PLAINTEXT / (k - 11));
      if (envelope.reqmsg.length > Math.ceil((maxBlocks * k) / 3) * 4) {
        throw new ProviderResponseError(AGG_PROVIDER_ID, 'notification longer than any real one');
      }
      const plain = await openSigned(envelope as Envelope, config.customerNo, key, signer);
      if (typeof plain.orderNo !== 'string' || !isRecord(plain)) {
        throw new ProviderResponseError(AGG_PROVIDER_ID, 'notification without orderNo');
      }
      // The spec's provider retries until it reads exactly "OK".
      return {
        ...statusResult(plain, plain.orderNo),
        reply: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' },
      };
    },

    async queryBind(orderNo: string, ctx: CallContext): Promise<BindResult> {
      const answer = await exchange(QUERY_PATH, { customerNo: config.customerNo, orderNo }, ctx);
      if (!answer.ok) return { orderNo, status: 'PENDING', provider: answer.outcome.provider ?? detail('') };
      if (answer.plain.errCode === '2106') {
        return {
          orderNo,
          status: 'FAIL',
          outcome: failureOutcome('2106', String(answer.plain.errMessage ?? '')),
          provider: detail('2106'),
        };
      }
      return statusResult(answer.plain, orderNo);
    },
  };
}
