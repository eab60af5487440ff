import type { VerifyRequest } from '../../contract/types.js';
import { type EncryptableField, FACEID_VERSION, type FaceIdAction, type FaceIdBankCardRequest } from './api-types.js';
import { tc3Authorization } from './tc3.js';

const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface FaceIdCallHeaders {
  secretId: string;
  secretKey: string;
  /** The TC3 service name (`faceid`). */
  service: string;
  /** The endpoint's host name (no port). */
  host: string;
  action: FaceIdAction;
  /** Unix seconds. */
  timestamp: number;
  payload: string;
  region?: string | undefined;
  token?: string | undefined;
  language?: string | undefined;
}

/**
 * The headers of a call: TC3-signed over content-type and host (the host name without its port,
 * as Tencent's SDKs sign it; fetch sends the host itself), and the X-TC-* ones.
 */
export function faceIdHeaders(call: FaceIdCallHeaders): Record<string, string> {
  const authorization = tc3Authorization({
    secretId: call.secretId,
    secretKey: call.secretKey,
    service: call.service,
    timestamp: call.timestamp,
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE, host: call.host },
    payload: call.payload,
  });
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPE,
    authorization,
    'x-tc-action': call.action,
    'x-tc-timestamp': String(call.timestamp),
    'x-tc-version': FACEID_VERSION,
  };
  if (call.region) headers['x-tc-region'] = call.region;
  if (call.token) headers['x-tc-token'] = call.token;
  if (call.language) headers['x-tc-language'] = call.language;
  return headers;
}

const ACTIONS: Readonly<Record<VerifyRequest['kind'], FaceIdAction>> = {
  2: 'BankCard2EVerification',
  3: 'BankCardVerification',
  4: 'BankCard4EVerification',
};

export function faceIdActionFor(request: VerifyRequest): FaceIdAction {
  return ACTIONS[request.kind];
}

/** The action's JSON body: `IdCard` from 3 elements up, `Phone` only for 4. */
export function faceIdBody(request: VerifyRequest): FaceIdBankCardRequest {
  if (request.kind === 2) return { Name: request.name, BankCard: request.cardNumber };
  const body: FaceIdBankCardRequest = { IdCard: request.idNumber, Name: request.name, BankCard: request.cardNumber };
  if (request.kind === 4) body.Phone = request.phone;
  return body;
}

const ENCRYPTABLE: readonly EncryptableField[] = ['Name', 'IdCard', 'BankCard', 'Phone'];

/** The fields `Encryption` may cover: those the body carries. */
export function encryptableFields(body: FaceIdBankCardRequest): EncryptableField[] {
  return ENCRYPTABLE.filter((field) => body[field] !== undefined);
}
