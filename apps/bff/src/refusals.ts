/**
 * Why the BFF refuses a request: a stable code from this catalogue and an English message for
 * logs. Messages never carry the request's personal data. Where a refusal is raised does not know
 * HTTP: the edge gives each code its status (http/statuses.ts), once.
 */
export const REFUSALS = {
  BAD_JSON: 'The body is not valid JSON.',
  BODY_INCOMPLETE: 'The request body ended before it was complete.',
  INVALID_REQUEST: 'The request does not match the schema.',
  INVALID_INPUT: 'Some fields are not valid.',
  CONSENT_REQUIRED: 'The cardholder has not given consent.',
  IDEMPOTENCY_KEY_REQUIRED: 'An Idempotency-Key header is required.',
  IDEMPOTENCY_KEY_INVALID: 'The Idempotency-Key header must be 8 to 128 characters of A-Z, a-z, 0-9, _ and -.',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was used with a different body.',
  IDEMPOTENCY_IN_PROGRESS: 'A request with this Idempotency-Key is still in progress.',
  BIND_IN_PROGRESS: "This token's bind order is still being created.",
  BIND_PAGE_LOST:
    "This token's bind order reached the provider, but its bank page was lost when the server stopped and cannot be opened again (`details.order` names the order): start a new bind with a new widget token.",
  UNAUTHENTICATED: 'Missing or invalid credentials.',
  TOKEN_EXPIRED: 'The widget token has expired.',
  TOKEN_USED: 'The widget token was already used for this operation.',
  ORIGIN_NOT_ALLOWED: 'This origin may not use the token.',
  OPERATION_NOT_ALLOWED: 'The token does not allow this operation.',
  NOT_FOUND: 'Not found.',
  ORDER_NOT_FOUND: 'No such order.',
  VERIFICATION_NOT_FOUND: 'No such verification.',
  WEBHOOK_EVENT_NOT_FOUND: 'No such webhook event.',
  WEBHOOK_EVENT_PENDING: 'This webhook event is still being delivered.',
  TICKET_USED: 'This redirect was already used.',
  HOSTED_LINK_GONE: 'This link was opened in another browser, has expired, or never existed.',
  PAYLOAD_TOO_LARGE: 'The body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'Send application/json in UTF-8.',
  RATE_LIMITED: 'Too many requests.',
  AUTH_RATE_LIMITED: 'Too many failed authentication attempts from this address.',
  SESSION_ATTEMPTS_EXCEEDED: 'Too many attempts in this session.',
  CARD_DAILY_LIMIT: 'Too many attempts for this card today.',
  ID_DAILY_LIMIT: 'Too many attempts for this ID number today.',
  NO_PROVIDER: 'No provider can serve this operation now.',
  NOTIFY_REJECTED: 'The notification failed verification.',
  NOTIFY_BUSY: 'Too many notifications at once; send it again later.',
  NOTIFY_SOURCE_NOT_ALLOWED: "This address is not in the provider's notifyFrom list.",
  STORE_UNAVAILABLE: 'The store is unavailable.',
  INTERNAL: 'Internal error.',
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** A refused request: its stable code, what the caller can fix (`details`), and when to retry. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  readonly code: RefusalCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: RefusalCode, options: { details?: Record<string, unknown>; retryAfter?: number } = {}) {
    super(REFUSALS[code]);
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  /** The `{error: {code, message, details?}}` body every refusal is answered with. */
  body() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}
