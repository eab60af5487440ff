import type {
  CallContext,
  FourElementVerifier,
  ThreeElementVerifier,
  TwoElementVerifier,
  VerifyRequest,
} from '../../contract/types.js';
import { ConfigurationError } from '../../errors.js';
import { createOutcome, type Outcome, type ProviderDetail, secondsUntilChinaMidnight } from '../../outcome/outcome.js';
import { notPii } from '../../pii/masked.js';
import { delay, send } from '../shared/http.js';
import { importedKey } from '../shared/imported-key.js';
import type { FaceIdAction } from './api-types.js';
import { faceIdError, RESULTS_BY_ACTION } from './codes.js';
import {
  encryptFields,
  type FaceIdEncryptionAlgorithm,
  type FaceIdEncryptionKey,
  importFaceIdEncryptionKey,
} from './encryption.js';
import { encryptableFields, faceIdActionFor, faceIdBody, faceIdHeaders } from './request.js';
import { FACEID_PROVIDER_ID, type ParsedFaceIdResponse, parseFaceIdResponse } from './response.js';

export interface TencentFaceIdConfig {
  secretId: string;
  secretKey: string;
  /** STS temporary credentials' token (`X-TC-Token`). */
  token?: string;
  /** `X-TC-Region`; the API does not need one. */
  region?: string;
  /** `X-TC-Language`: `zh-CN` or `en-US`. */
  language?: 'zh-CN' | 'en-US';
  /** Defaults to `https://faceid.tencentcloudapi.com`; the international one is `https://faceid.intl.tencentcloudapi.com`. */
  endpoint?: string;
  /** The TC3 service name; defaults to the endpoint host's first label (`faceid`), or `faceid` for an IP address. */
  service?: string;
  /**
   * Encrypt the fields sent (Name, BankCard, and IdCard, Phone where the action takes them) with
   * this public key (SPKI PEM) from the FaceID console: RSA for AES-256-CBC, SM2 for SM4-GCM.
   */
  encryptionPublicKey?: string;
  /** The `Encryption` algorithm the key is for. Default `AES-256-CBC`. */
  encryptionAlgorithm?: FaceIdEncryptionAlgorithm;
  /** Retries after `RequestLimitExceeded` (not billed), with exponential backoff from 100 ms. Default 2. */
  rateLimitRetries?: number;
}

function serviceOf(hostname: string): string {
  return /^[\d.]+$|^\[/.test(hostname) ? 'faceid' : (hostname.split('.')[0] ?? 'faceid');
}

/**
 * Tencent Cloud FaceID: BankCard2EVerification (name and card), BankCardVerification (3 elements)
 * and BankCard4EVerification (4 elements).
 */
/** FaceID verifies 2, 3 and 4 elements. */
export type TencentFaceIdProvider = TwoElementVerifier & ThreeElementVerifier & FourElementVerifier;

export function createTencentFaceIdProvider(config: TencentFaceIdConfig): TencentFaceIdProvider {
  if (!config.secretId || !config.secretKey) {
    throw new ConfigurationError('tencent-faceid: secretId and secretKey are required');
  }
  const url = new URL(config.endpoint ?? 'https://faceid.tencentcloudapi.com');
  const service = config.service ?? serviceOf(url.hostname);
  const rateLimitRetries = config.rateLimitRetries ?? 2;
  let encryptionKey: Promise<FaceIdEncryptionKey> | undefined;
  if (config.encryptionPublicKey) {
    const algorithm = config.encryptionAlgorithm ?? 'AES-256-CBC';
    encryptionKey = importedKey(
      importFaceIdEncryptionKey(config.encryptionPublicKey, algorithm),
      `tencent-faceid: encryptionPublicKey (the ${algorithm === 'SM4-GCM' ? 'SM2' : 'RSA'} public key, SPKI PEM)`,
    );
  }
  // Server time minus ours, learnt from a SignatureExpire answer's Date header.
  let clockSkewMs = 0;

  async function call(action: FaceIdAction, payload: string, ctx: CallContext) {
    const sent = faceIdHeaders({
      ...config,
      service,
      host: url.hostname,
      action,
      timestamp: Math.floor((ctx.now() + clockSkewMs) / 1000),
      payload,
    });
    const raw = await send(FACEID_PROVIDER_ID, url.href, { method: 'POST', headers: sent, body: payload }, ctx);
    return { parsed: parseFaceIdResponse(raw), serverDate: raw.headers.get('date') };
  }

  async function verify(request: VerifyRequest, ctx: CallContext): Promise<Outcome> {
    const action = faceIdActionFor(request);
    let body = faceIdBody(request);
    if (encryptionKey) body = await encryptFields(body, encryptableFields(body), await encryptionKey, ctx);
    const payload = JSON.stringify(body);

    let resigned = false;
    for (let attempt = 0; ; attempt++) {
      const { parsed, serverDate } = await call(action, payload, ctx);
      if (parsed.kind === 'result') return resultOutcome(action, parsed, ctx);
      const entry = faceIdError(parsed.code);
      if (entry.handling === 'resign-once' && !resigned && serverDate) {
        resigned = true;
        const serverMs = Date.parse(serverDate);
        if (!Number.isNaN(serverMs)) clockSkewMs = serverMs - ctx.now();
        continue;
      }
      if (entry.handling === 'backoff' && attempt < rateLimitRetries) {
        await delay(100 * 2 ** attempt, ctx.signal);
        continue;
      }
      return errorOutcome(parsed, ctx);
    }
  }

  return { id: FACEID_PROVIDER_ID, verify2: verify, verify3: verify, verify4: verify };
}

function detail(parsed: ParsedFaceIdResponse): ProviderDetail {
  const code = parsed.kind === 'result' ? parsed.result : parsed.code;
  const message = parsed.kind === 'result' ? parsed.description : parsed.message;
  return { id: FACEID_PROVIDER_ID, code, message, requestId: parsed.requestId };
}

function resultOutcome(
  action: FaceIdAction,
  parsed: Extract<ParsedFaceIdResponse, { kind: 'result' }>,
  ctx: CallContext,
): Outcome {
  const entry = RESULTS_BY_ACTION[action][parsed.result];
  const provider = detail(parsed);
  if (!entry) return createOutcome('UNKNOWN', { charged: 'unknown', provider });
  if (entry.reason === 'DAILY_LIMIT') {
    const retryAfter = secondsUntilChinaMidnight(ctx.now());
    return createOutcome(entry.reason, { charged: entry.charged, provider, retryAfter });
  }
  if (entry.reason === 'PROVIDER_BUSY')
    return createOutcome(entry.reason, { charged: entry.charged, provider, retryAfter: 5 });
  return createOutcome(entry.reason, { charged: entry.charged, provider });
}

function errorOutcome(parsed: Extract<ParsedFaceIdResponse, { kind: 'error' }>, ctx: CallContext): Outcome {
  const entry = faceIdError(parsed.code);
  const provider = detail(parsed);
  ctx.logger.warn('provider.error', { provider: notPii(FACEID_PROVIDER_ID), code: notPii(parsed.code) });
  if (entry.reason === 'RATE_LIMITED') return createOutcome(entry.reason, { charged: false, provider, retryAfter: 1 });
  return createOutcome(entry.reason, { charged: entry.charged, provider });
}
