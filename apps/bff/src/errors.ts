import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error answer is `{error: {code, message}}` with a stable code from
 * this catalogue; messages never carry the request's personal data.
 */
export const API_ERRORS = {
  BAD_JSON: [400, 'The body is not valid JSON.'],
  BODY_INCOMPLETE: [400, 'The request body ended before it was complete.'],
  INVALID_REQUEST: [400, 'The request does not match the schema.'],
  INVALID_INPUT: [422, 'Some fields are not valid.'],
  CONSENT_REQUIRED: [422, 'The cardholder has not given consent.'],
  IDEMPOTENCY_KEY_REQUIRED: [400, 'An Idempotency-Key header is required.'],
  IDEMPOTENCY_KEY_INVALID: [400, 'The Idempotency-Key header must be 8 to 128 characters of A-Z, a-z, 0-9, _ and -.'],
  IDEMPOTENCY_KEY_REUSED: [409, 'This Idempotency-Key was used with a different body.'],
  IDEMPOTENCY_IN_PROGRESS: [409, 'A request with this Idempotency-Key is still in progress.'],
  BIND_IN_PROGRESS: [409, "This token's bind order is still being created."],
  BIND_PAGE_LOST: [
    409,
    "This token's bind order reached the provider, but its bank page was lost when the server stopped and cannot be opened again: start a new bind with a new widget token.",
  ],
  UNAUTHENTICATED: [401, 'Missing or invalid credentials.'],
  TOKEN_EXPIRED: [401, 'The widget token has expired.'],
  TOKEN_USED: [401, 'The widget token was already used for this operation.'],
  ORIGIN_NOT_ALLOWED: [403, 'This origin may not use the token.'],
  OPERATION_NOT_ALLOWED: [403, 'The token does not allow this operation.'],
  NOT_FOUND: [404, 'Not found.'],
  ORDER_NOT_FOUND: [404, 'No such order.'],
  VERIFICATION_NOT_FOUND: [404, 'No such verification.'],
  WEBHOOK_EVENT_NOT_FOUND: [404, 'No such webhook event.'],
  WEBHOOK_EVENT_PENDING: [409, 'This webhook event is still being delivered.'],
  TICKET_USED: [410, 'This redirect was already used.'],
  PAYLOAD_TOO_LARGE: [413, 'The body is too large.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Send application/json in UTF-8.'],
  RATE_LIMITED: [429, 'Too many requests.'],
  AUTH_RATE_LIMITED: [429, 'Too many failed authentication attempts from this address.'],
  SESSION_ATTEMPTS_EXCEEDED: [429, 'Too many attempts in this session.'],
  CARD_DAILY_LIMIT: [429, 'Too many attempts for this card today.'],
  ID_DAILY_LIMIT: [429, 'Too many attempts for this ID number today.'],
  NO_PROVIDER: [503, 'No provider can serve this operation now.'],
  NOTIFY_REJECTED: [400, 'The notification failed verification.'],
  NOTIFY_BUSY: [503, 'Too many notifications at once; send it again later.'],
  STORE_UNAVAILABLE: [503, 'The store is unavailable.'],
  INTERNAL: [500, 'Internal error.'],
} as const satisfies Record<string, readonly [ContentfulStatusCode, string]>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: ContentfulStatusCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ApiErrorCode, options: { details?: Record<string, unknown>; retryAfter?: number } = {}) {
    super(API_ERRORS[code][1]);
    this.code = code;
    this.status = API_ERRORS[code][0];
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  body() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}
