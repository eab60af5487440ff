import { BIND_CERT_TYPES, BIND_USER_TYPES, type BindCardRequest } from '../../contract/types.js';
import { InvalidArgumentError } from '../../errors.js';
import { chinaTime } from '../shared/sorted-fields.js';
import type { BindCardCreatePlain } from './api-types.js';

/** The spec's length limits, in characters. */
export const LIMITS = {
  orderNo: 64,
  identifyId: 64,
  bankCode: 20,
  bankCardName: 64,
  certNo: 64,
  mobile: 11,
  bindNotifyUrl: 256,
  pageReturnUrl: 256,
} as const;

/** The create plaintext (without `sign`), checked against the spec's enums and limits. */
export function buildCreatePlain(customerNo: string, request: BindCardRequest): BindCardCreatePlain {
  if (!BIND_USER_TYPES.includes(request.userType)) throw new InvalidArgumentError('aggregate-pay: unknown userType');
  if (!BIND_CERT_TYPES.includes(request.certType)) throw new InvalidArgumentError('aggregate-pay: unknown certType');
  if (request.bankCardType !== 'DEBIT' && request.bankCardType !== 'CREDIT') {
    throw new InvalidArgumentError('aggregate-pay: bankCardType must be DEBIT or CREDIT');
  }
  const plain: BindCardCreatePlain = {
    customerNo,
    orderNo: request.orderNo,
    userType: request.userType,
    identifyId: request.identifyId,
    bankCardType: request.bankCardType,
    bankCode: request.bankCode,
    bankCardName: request.name,
    certType: request.certType,
    certNo: request.certNo,
    mobile: request.mobile,
    bindNotifyUrl: request.notifyUrl,
    pageReturnUrl: request.returnUrl,
  };
  if (request.expiresAt) plain.expiredTime = chinaTime(request.expiresAt.getTime()).dateTime;
  for (const [field, limit] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    const value = plain[field];
    // Field names only: the values may be personal data.
    if (!value) throw new InvalidArgumentError(`aggregate-pay: ${field} is required`);
    if ([...value].length > limit)
      throw new InvalidArgumentError(`aggregate-pay: ${field} exceeds ${limit} characters`);
  }
  return plain;
}
