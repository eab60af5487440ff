import type { Charged } from '../../outcome/outcome.js';
import type { ReasonCode } from '../../outcome/reasons.js';
import type { FaceIdAction } from './api-types.js';

export interface CodeEntry {
  reason: ReasonCode;
  charged: Charged;
}

const billed = (reason: ReasonCode): CodeEntry => ({ reason, charged: true });
const free = (reason: ReasonCode): CodeEntry => ({ reason, charged: false });

/** BankCard2EVerification `Result` (name and card: no ID or phone codes), billed / not billed as documented. */
export const BANK_CARD_2E_RESULTS: Readonly<Record<string, CodeEntry>> = {
  '0': billed('VERIFIED'),
  '-1': billed('MISMATCH'),
  '-2': free('NAME_INVALID'),
  '-3': free('CARD_NUMBER_FORMAT'),
  '-4': billed('CARDHOLDER_INFO_MISMATCH'),
  '-5': billed('CARD_CARDLESS_DISABLED'),
  '-6': billed('CARD_CONFISCATED'),
  '-7': billed('CARD_NUMBER_INVALID'),
  '-8': billed('CARD_NO_ISSUER'),
  '-9': billed('CARD_DORMANT'),
  '-10': billed('CARD_FRAUD'),
  '-11': billed('CARD_LOST'),
  '-12': billed('CARD_EXPIRED'),
  '-13': billed('CARD_RESTRICTED'),
  '-14': billed('CARD_PIN_LOCKED'),
  '-15': billed('ISSUER_UNSUPPORTED'),
  '-16': free('PROVIDER_BUSY'),
  '-17': free('DAILY_LIMIT'),
  '-18': billed('CARD_STATUS_ABNORMAL'),
};

/** BankCardVerification `Result`, with the spec's billed / not-billed split. */
export const BANK_CARD_3E_RESULTS: Readonly<Record<string, CodeEntry>> = {
  '0': billed('VERIFIED'),
  '-1': billed('MISMATCH'),
  '-2': free('NAME_INVALID'),
  '-3': free('ID_NUMBER_INVALID'),
  '-4': free('CARD_NUMBER_FORMAT'),
  '-5': billed('CARDHOLDER_INFO_MISMATCH'),
  '-6': billed('CARD_CARDLESS_DISABLED'),
  '-7': billed('CARD_CONFISCATED'),
  '-8': billed('CARD_NUMBER_INVALID'),
  '-9': billed('CARD_NO_ISSUER'),
  '-10': billed('CARD_DORMANT'),
  '-11': billed('CARD_FRAUD'),
  '-12': billed('CARD_LOST'),
  '-13': billed('CARD_EXPIRED'),
  '-14': billed('CARD_RESTRICTED'),
  '-15': billed('CARD_PIN_LOCKED'),
  '-16': billed('ISSUER_UNSUPPORTED'),
  '-17': free('PROVIDER_BUSY'),
  '-18': free('DAILY_LIMIT'),
  '-19': free('ID_TYPE_UNSUPPORTED'),
  '-20': billed('CARD_STATUS_ABNORMAL'),
};

/** BankCard4EVerification `Result`. */
export const BANK_CARD_4E_RESULTS: Readonly<Record<string, CodeEntry>> = {
  '0': billed('VERIFIED'),
  '-1': billed('MISMATCH'),
  '-2': free('NAME_INVALID'),
  '-3': free('ID_NUMBER_INVALID'),
  '-4': free('CARD_NUMBER_FORMAT'),
  '-5': free('PHONE_INVALID'),
  '-6': billed('CARDHOLDER_INFO_MISMATCH'),
  '-7': billed('CARD_CARDLESS_DISABLED'),
  '-8': billed('CARD_CONFISCATED'),
  '-9': billed('CARD_NUMBER_INVALID'),
  '-10': billed('CARD_NO_ISSUER'),
  '-11': billed('CARD_DORMANT'),
  '-12': billed('CARD_FRAUD'),
  '-13': billed('CARD_LOST'),
  '-14': billed('CARD_EXPIRED'),
  '-15': billed('CARD_RESTRICTED'),
  '-16': billed('CARD_PIN_LOCKED'),
  '-17': billed('ISSUER_UNSUPPORTED'),
  '-18': free('PROVIDER_BUSY'),
  '-19': free('DAILY_LIMIT'),
  '-20': free('ID_TYPE_UNSUPPORTED'),
  '-21': billed('CARD_STATUS_ABNORMAL'),
};

export const RESULTS_BY_ACTION: Readonly<Record<FaceIdAction, Readonly<Record<string, CodeEntry>>>> = {
  BankCard2EVerification: BANK_CARD_2E_RESULTS,
  BankCardVerification: BANK_CARD_3E_RESULTS,
  BankCard4EVerification: BANK_CARD_4E_RESULTS,
};

/** What the provider does with a `Response.Error` before giving up. */
export type ErrorHandling = 'final' | 'resign-once' | 'backoff';

export interface ErrorEntry extends CodeEntry {
  handling: ErrorHandling;
}

/**
 * `Response.Error.Code`s of the API's own table and the API 3.0 common ones
 * that matter here. An error answer is not billed, except where the failure
 * may have come after the bank was asked (internal errors): charge unknown.
 */
export const FACEID_ERRORS: Readonly<Record<string, ErrorEntry>> = {
  'AuthFailure.SignatureFailure': { reason: 'SIGNATURE_REJECTED', charged: false, handling: 'final' },
  'AuthFailure.SignatureExpire': { reason: 'SIGNATURE_EXPIRED', charged: false, handling: 'resign-once' },
  'AuthFailure.SecretIdNotFound': { reason: 'AUTH_FAILED', charged: false, handling: 'final' },
  'AuthFailure.InvalidSecretId': { reason: 'AUTH_FAILED', charged: false, handling: 'final' },
  'AuthFailure.InvalidAuthorization': { reason: 'AUTH_FAILED', charged: false, handling: 'final' },
  'AuthFailure.TokenFailure': { reason: 'AUTH_FAILED', charged: false, handling: 'final' },
  'AuthFailure.UnauthorizedOperation': { reason: 'AUTH_FAILED', charged: false, handling: 'final' },
  'FailedOperation.DecryptSystemError': { reason: 'DECRYPT_FAILED', charged: false, handling: 'final' },
  'FailedOperation.StsUnAuthErrError': { reason: 'AUTH_FAILED', charged: false, handling: 'final' },
  'FailedOperation.UnKnown': { reason: 'PROVIDER_ERROR', charged: 'unknown', handling: 'final' },
  InternalError: { reason: 'PROVIDER_ERROR', charged: 'unknown', handling: 'final' },
  InvalidParameter: { reason: 'INVALID_PARAMETER', charged: false, handling: 'final' },
  'InvalidParameter.UnsupportEncryptField': { reason: 'INVALID_PARAMETER', charged: false, handling: 'final' },
  InvalidParameterValue: { reason: 'INVALID_PARAMETER', charged: false, handling: 'final' },
  MissingParameter: { reason: 'INVALID_PARAMETER', charged: false, handling: 'final' },
  UnknownParameter: { reason: 'INVALID_PARAMETER', charged: false, handling: 'final' },
  RequestLimitExceeded: { reason: 'RATE_LIMITED', charged: false, handling: 'backoff' },
  ServiceUnavailable: { reason: 'PROVIDER_BUSY', charged: false, handling: 'final' },
  'UnauthorizedOperation.Arrears': { reason: 'INSUFFICIENT_BALANCE', charged: false, handling: 'final' },
  'UnauthorizedOperation.ChargeStatusException': { reason: 'MERCHANT_INVALID', charged: false, handling: 'final' },
  'UnauthorizedOperation.NonAuthorize': { reason: 'MERCHANT_INVALID', charged: false, handling: 'final' },
  'UnauthorizedOperation.Nonactivated': { reason: 'SERVICE_NOT_ACTIVATED', charged: false, handling: 'final' },
};

/** Looks up an error code; families (`AuthFailure.*`, `RequestLimitExceeded.*`…) fall back to their head. */
export function faceIdError(code: string): ErrorEntry {
  const exact = FACEID_ERRORS[code];
  if (exact) return exact;
  const family = code.split('.')[0] ?? '';
  if (family === 'RequestLimitExceeded') return FACEID_ERRORS.RequestLimitExceeded as ErrorEntry;
  if (family === 'AuthFailure') return { reason: 'AUTH_FAILED', charged: false, handling: 'final' };
  if (family === 'UnauthorizedOperation') return { reason: 'MERCHANT_INVALID', charged: false, handling: 'final' };
  if (family === 'InvalidParameter' || family === 'InvalidParameterValue' || family === 'MissingParameter') {
    return { reason: 'INVALID_PARAMETER', charged: false, handling: 'final' };
  }
  return { reason: 'UNKNOWN', charged: 'unknown', handling: 'final' };
}
