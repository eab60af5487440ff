/**
 * An error answer of the BFF (`{error: {code, message, details?}}`), or an
 * answer that was not one of the API's. `code` is stable: branch on it, not
 * on the message.
 */
export class CardbindApiError extends Error {
  /** The API's error code (`UNAUTHENTICATED`, `VERIFICATION_NOT_FOUND`, …), or `UNEXPECTED_RESPONSE`. */
  readonly code: string;
  /** The HTTP status. */
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Seconds to wait before retrying, from `Retry-After` when the BFF sent one. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: Record<string, unknown> | undefined; retryAfter?: number | undefined } = {},
  ) {
    super(message);
    this.name = 'CardbindApiError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }
}

export type WebhookVerificationCode = 'WEBHOOK_BODY_NOT_RAW' | 'WEBHOOK_SIGNATURE_INVALID' | 'WEBHOOK_NOT_AN_EVENT';

/** The body is not a cardbind event signed by the BFF: answer 400 and do nothing with it. */
export class WebhookVerificationError extends Error {
  readonly code: WebhookVerificationCode;

  constructor(code: WebhookVerificationCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}
