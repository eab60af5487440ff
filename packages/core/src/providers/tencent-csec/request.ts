import type { CallContext, IdElementRequest } from '../../contract/types.js';
import type { CsecAction, CsecBankCardParams } from './api-types.js';
import { type V2SignatureMethod, v2Signature, v2StringToSign } from './sign.js';

export interface CsecCredentials {
  secretId: string;
  secretKey: string;
  signatureMethod: V2SignatureMethod;
  region?: string;
}

export function actionFor(request: IdElementRequest): CsecAction {
  return request.kind === 4 ? 'BspBankCardAuth4' : 'BspBankCard3Auth';
}

export function actionParams(request: IdElementRequest): CsecBankCardParams {
  const params: CsecBankCardParams = {
    orderNo: request.orderNo,
    name: request.name,
    idNumber: request.idNumber,
    bankCardNumber: request.cardNumber,
  };
  if (request.kind === 4) params.phoneNumber = request.phone;
  return params;
}

/** A Nonce from the CSPRNG: a positive 32-bit integer. */
function nonce(ctx: CallContext): string {
  const b = ctx.randomBytes(4);
  const n = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 1;
  return String(n || 1);
}

/**
 * The signed form body: common parameters (Action, Nonce, Timestamp from the
 * injected clock, SecretId, SignatureMethod, Region), the action's own, and
 * `Signature`, URL-encoded once by URLSearchParams.
 */
export async function buildSignedForm(
  action: CsecAction,
  params: CsecBankCardParams,
  credentials: CsecCredentials,
  target: { host: string; path: string },
  ctx: CallContext,
): Promise<URLSearchParams> {
  const all: Record<string, string> = {
    Action: action,
    Nonce: nonce(ctx),
    Timestamp: String(Math.floor(ctx.now() / 1000)),
    SecretId: credentials.secretId,
    SignatureMethod: credentials.signatureMethod,
    ...(credentials.region ? { Region: credentials.region } : {}),
    ...(params as unknown as Record<string, string>),
  };
  const stringToSign = v2StringToSign('POST', target.host, target.path, all);
  const form = new URLSearchParams(all);
  form.set('Signature', await v2Signature(credentials.secretKey, stringToSign, credentials.signatureMethod));
  return form;
}
