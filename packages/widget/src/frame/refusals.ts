import type { WidgetRefusalCode } from '@cardbind/client';

/**
 * What the cardholder reads when a call is refused: a few sentences in the widget's language, chosen
 * by the refusal's code. The BFF's own message is for the developer (console and event payload),
 * never for the form: it is English, and it speaks of tokens and origins.
 */
export type RefusalText = 'expired' | 'tooMany' | 'checkDetails' | 'busy' | 'bankPageLost' | 'unavailable';

/** The frame's own refusals: the call never reached the BFF, or what answered was not the BFF. */
export type FrameRefusalCode = 'NETWORK_ERROR' | 'BAD_ANSWER';

/**
 * Codes that read as "unavailable, try again later": the service's own trouble, and requests the
 * form itself never makes wrong (a malformed body, a missing key), which the cardholder cannot fix.
 * Named here as a type only (no bytes in the frame): with the table below, every code the widget's
 * calls can meet (generated from the API document) is accounted for, or the typecheck fails.
 */
type ReadsUnavailable =
  | FrameRefusalCode
  | 'NO_PROVIDER'
  | 'STORE_UNAVAILABLE'
  | 'INTERNAL'
  | 'NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'BAD_JSON'
  | 'BODY_INCOMPLETE'
  | 'INVALID_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'IDEMPOTENCY_KEY_REUSED';

/** Every other code the form can meet, and what it reads as. */
export const REFUSAL_TEXT: Record<Exclude<WidgetRefusalCode, ReadsUnavailable>, RefusalText> = {
  UNAUTHENTICATED: 'expired',
  TOKEN_EXPIRED: 'expired',
  TOKEN_USED: 'expired',
  ORIGIN_NOT_ALLOWED: 'expired',
  OPERATION_NOT_ALLOWED: 'expired',
  SESSION_ATTEMPTS_EXCEEDED: 'tooMany',
  RATE_LIMITED: 'tooMany',
  AUTH_RATE_LIMITED: 'tooMany',
  CARD_DAILY_LIMIT: 'tooMany',
  ID_DAILY_LIMIT: 'tooMany',
  INVALID_INPUT: 'checkDetails',
  IDEMPOTENCY_IN_PROGRESS: 'busy',
  BIND_IN_PROGRESS: 'busy',
  BIND_PAGE_LOST: 'bankPageLost',
};
// Each code that reads as unavailable is one the calls can meet (a stale name fails here).
const _known: ReadsUnavailable extends WidgetRefusalCode | FrameRefusalCode ? true : never = true;
void _known;

/** The text for any code: one not in the table (or one this build does not know) reads as unavailable. */
export const refusalText = (code: string | undefined): RefusalText =>
  REFUSAL_TEXT[code as keyof typeof REFUSAL_TEXT] ?? 'unavailable';
