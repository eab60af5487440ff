/**
 * The normalized outcome taxonomy: every provider code maps to one status and
 * one stable reason, so a merchant writes one `switch`.
 */

export type OutcomeStatus =
  /** The elements belong together. */
  | 'verified'
  /** The bank says they do not: a name, ID or phone that does not match the card. */
  | 'mismatch'
  /** The card cannot be used (lost, expired, restricted…). */
  | 'card_rejected'
  /** The input is malformed or of an unsupported kind: the user must change it. */
  | 'invalid_input'
  /** No answer now: retry later (busy, limits, timeouts, unknown results). */
  | 'unavailable'
  /** A configuration or account problem on the merchant's side. */
  | 'failed';

/** Reason → the status it belongs to and whether the same request may be retried. */
export const REASONS = {
  VERIFIED: { status: 'verified', retryable: false },

  MISMATCH: { status: 'mismatch', retryable: false },
  NAME_MISMATCH: { status: 'mismatch', retryable: false },
  ID_NUMBER_MISMATCH: { status: 'mismatch', retryable: false },
  PHONE_MISMATCH: { status: 'mismatch', retryable: false },
  CARDHOLDER_INFO_MISMATCH: { status: 'mismatch', retryable: false },

  CARD_NUMBER_INVALID: { status: 'card_rejected', retryable: false },
  CARD_NO_ISSUER: { status: 'card_rejected', retryable: false },
  CARD_CARDLESS_DISABLED: { status: 'card_rejected', retryable: false },
  CARD_CONFISCATED: { status: 'card_rejected', retryable: false },
  CARD_DORMANT: { status: 'card_rejected', retryable: false },
  CARD_FRAUD: { status: 'card_rejected', retryable: false },
  CARD_LOST: { status: 'card_rejected', retryable: false },
  CARD_EXPIRED: { status: 'card_rejected', retryable: false },
  CARD_RESTRICTED: { status: 'card_rejected', retryable: false },
  CARD_PIN_LOCKED: { status: 'card_rejected', retryable: false },
  CARD_STATUS_ABNORMAL: { status: 'card_rejected', retryable: false },
  ISSUER_UNSUPPORTED: { status: 'card_rejected', retryable: false },
  RISK_RESTRICTED: { status: 'card_rejected', retryable: false },
  VERIFICATION_REJECTED: { status: 'card_rejected', retryable: false },
  BIND_DECLINED: { status: 'card_rejected', retryable: false },

  NAME_INVALID: { status: 'invalid_input', retryable: false },
  ID_NUMBER_INVALID: { status: 'invalid_input', retryable: false },
  CARD_NUMBER_FORMAT: { status: 'invalid_input', retryable: false },
  PHONE_INVALID: { status: 'invalid_input', retryable: false },
  ID_TYPE_UNSUPPORTED: { status: 'invalid_input', retryable: false },
  INVALID_PARAMETER: { status: 'invalid_input', retryable: false },

  PROVIDER_BUSY: { status: 'unavailable', retryable: true },
  PROVIDER_ERROR: { status: 'unavailable', retryable: true },
  RATE_LIMITED: { status: 'unavailable', retryable: true },
  DAILY_LIMIT: { status: 'unavailable', retryable: true },
  TIMEOUT: { status: 'unavailable', retryable: false },
  RESULT_UNKNOWN: { status: 'unavailable', retryable: false },
  /**
   * Ours, not a provider's: the server stopped while the provider may have been called, and its
   * answer was never recorded. What it said, and whether it billed, cannot be known; a new
   * attempt (a new Idempotency-Key) may be made, and may be billed again.
   */
  OUTCOME_UNKNOWN: { status: 'unavailable', retryable: true },
  SIGNATURE_EXPIRED: { status: 'unavailable', retryable: true },
  PROVIDER_RESPONSE_INVALID: { status: 'unavailable', retryable: false },

  SIGNATURE_REJECTED: { status: 'failed', retryable: false },
  AUTH_FAILED: { status: 'failed', retryable: false },
  REQUEST_REPLAYED: { status: 'failed', retryable: false },
  INSUFFICIENT_BALANCE: { status: 'failed', retryable: false },
  SERVICE_NOT_ACTIVATED: { status: 'failed', retryable: false },
  MERCHANT_INVALID: { status: 'failed', retryable: false },
  MERCHANT_KEY_INVALID: { status: 'failed', retryable: false },
  DECRYPT_FAILED: { status: 'failed', retryable: false },
  DUPLICATE_ORDER: { status: 'failed', retryable: false },
  ORDER_NOT_FOUND: { status: 'failed', retryable: false },
  UNKNOWN: { status: 'failed', retryable: false },
} as const satisfies Record<string, { status: OutcomeStatus; retryable: boolean }>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
}
