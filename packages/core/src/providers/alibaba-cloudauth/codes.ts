import type { Charged } from '../../outcome/outcome.js';
import type { ReasonCode } from '../../outcome/reasons.js';

export interface CodeEntry {
  reason: ReasonCode;
  charged: Charged;
}

const billed = (reason: ReasonCode): CodeEntry => ({ reason, charged: true });
const free = (reason: ReasonCode): CodeEntry => ({ reason, charged: false });
/** The documentation does not say whether it is billed. */
const unstated = (reason: ReasonCode): CodeEntry => ({ reason, charged: 'unknown' });

/**
 * `ResultObject.SubCode` of a `Code` 200 answer. BizCode 1 (consistent, 101) and 2 (inconsistent,
 * 201–216) are billed, as documented; whether BizCode 3 (no record, could not be checked: 301–305)
 * is billed the documentation does not say, so its charge is unknown.
 */
export const SUB_CODES: Readonly<Record<string, CodeEntry>> = {
  '101': billed('VERIFIED'),
  '201': billed('MISMATCH'), // cardholder information wrong
  '202': billed('CARD_CARDLESS_DISABLED'), // not enabled for authentication payment
  '203': billed('CARD_EXPIRED'),
  '204': billed('CARD_RESTRICTED'),
  '205': billed('CARD_CONFISCATED'),
  '206': billed('CARD_NUMBER_INVALID'), // invalid card
  '207': billed('CARD_NO_ISSUER'),
  '208': billed('CARD_DORMANT'), // not initialised or dormant
  '209': billed('CARD_FRAUD'), // cheat or swallowed card
  '210': billed('CARD_LOST'),
  '211': billed('CARD_PIN_LOCKED'), // too many PIN errors
  '212': billed('ISSUER_UNSUPPORTED'),
  '213': billed('CARD_STATUS_ABNORMAL'),
  '214': billed('VERIFICATION_REJECTED'), // no reserved mobile number
  '215': billed('CARDHOLDER_INFO_MISMATCH'), // PIN, expiry or CVN2 wrong
  '216': billed('CARD_STATUS_ABNORMAL'), // other card anomaly
  '301': unstated('ISSUER_UNSUPPORTED'), // card does not support the service
  '302': unstated('VERIFICATION_REJECTED'), // failed or refused by the bank
  '303': unstated('ISSUER_UNSUPPORTED'), // card does not support mobile verification
  '304': unstated('CARD_NUMBER_INVALID'), // card number wrong
  '305': unstated('VERIFICATION_REJECTED'), // other
};

/** A `Code` other than 200 in an HTTP 200 answer: the service refused or failed the request. */
export const BUSINESS_CODES: Readonly<Record<string, CodeEntry>> = {
  '400': free('INVALID_PARAMETER'), // a parameter is empty
  '401': free('INVALID_PARAMETER'), // a parameter is not valid
  '402': unstated('PROVIDER_ERROR'), // the authoritative source failed
  '403': free('RATE_LIMITED'), // abnormal repeated calls
  '410': free('SERVICE_NOT_ACTIVATED'),
  '411': free('AUTH_FAILED'), // the RAM user lacks the permission
  '412': free('INSUFFICIENT_BALANCE'), // the account is in arrears
  '500': unstated('PROVIDER_ERROR'),
};

/**
 * The gateway's common errors (HTTP 4xx/5xx, before the API ran: nothing billed), by `Code`; a
 * code with a suffix not listed takes its prefix's entry (`Throttling.User` → `Throttling`).
 */
export const GATEWAY_CODES: Readonly<Record<string, CodeEntry>> = {
  SignatureDoesNotMatch: free('SIGNATURE_REJECTED'),
  IncompleteSignature: free('SIGNATURE_REJECTED'),
  InvalidSignatureMethod: free('SIGNATURE_REJECTED'),
  'InvalidAccessKeyId.NotFound': free('AUTH_FAILED'),
  'InvalidAccessKeyId.Inactive': free('AUTH_FAILED'),
  'InvalidSecurityToken.Expired': free('AUTH_FAILED'),
  Forbidden: free('AUTH_FAILED'),
  'Forbidden.RAM': free('AUTH_FAILED'),
  SignatureNonceUsed: free('REQUEST_REPLAYED'),
  'InvalidTimeStamp.Expired': free('SIGNATURE_EXPIRED'),
  'InvalidTimeStamp.Format': free('INVALID_PARAMETER'),
  Throttling: free('RATE_LIMITED'),
  MissingParameter: free('INVALID_PARAMETER'),
  InvalidParameter: free('INVALID_PARAMETER'),
  UnsupportedParameter: free('INVALID_PARAMETER'),
  'InvalidApi.NotFound': free('SERVICE_NOT_ACTIVATED'),
  InvalidAction: free('SERVICE_NOT_ACTIVATED'),
  'InvalidProduct.NotFound': free('SERVICE_NOT_ACTIVATED'),
  'Forbidden.AccountArrears': free('INSUFFICIENT_BALANCE'),
  InsufficientBalance: free('INSUFFICIENT_BALANCE'),
  'Forbidden.RiskControl': free('RISK_RESTRICTED'),
  InternalError: unstated('PROVIDER_ERROR'),
  ServiceUnavailable: free('PROVIDER_BUSY'),
};

/**
 * A gateway code's entry: itself, its prefix before the first dot, `Missing<Name>` and
 * `Invalid<Name>` as the parameter errors they are; otherwise undefined (the caller decides by the
 * HTTP status).
 */
export function gatewayCode(code: string): CodeEntry | undefined {
  const known = GATEWAY_CODES[code] ?? GATEWAY_CODES[code.split('.')[0] ?? ''];
  if (known) return known;
  if (/^Missing[A-Z]\w*$/.test(code)) return GATEWAY_CODES.MissingParameter;
  if (/^Invalid[A-Z]\w*$/.test(code)) return GATEWAY_CODES.InvalidParameter;
  return undefined;
}
