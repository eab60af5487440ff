import { type LocalizedText, OUTCOME_MESSAGES } from './messages.js';
import { type OutcomeStatus, REASONS, type ReasonCode } from './reasons.js';

/** Whether the provider billed the call. A timeout after sending cannot be known. */
export type Charged = true | false | 'unknown';

/** What the provider itself said, for support tickets. Never shown to the cardholder. */
export interface ProviderDetail {
  /** Provider id, e.g. `tencent-faceid`. */
  id: string;
  /** The provider's raw result or error code. */
  code: string;
  message?: string;
  requestId?: string;
}

export interface Outcome {
  status: OutcomeStatus;
  reason: ReasonCode;
  charged: Charged;
  /** The same request may succeed if sent again later. */
  retryable: boolean;
  /** Seconds to wait before retrying, where known. */
  retryAfter?: number;
  /** A user-safe message in every supported locale. */
  message: LocalizedText;
  provider?: ProviderDetail;
}

export interface OutcomeOptions {
  charged: Charged;
  provider?: ProviderDetail;
  retryAfter?: number;
}

/** Builds the outcome of a reason: status, retryability and messages come from the catalogue. */
export function createOutcome(reason: ReasonCode, options: OutcomeOptions): Outcome {
  const { status, retryable } = REASONS[reason];
  const outcome: Outcome = { status, reason, charged: options.charged, retryable, message: OUTCOME_MESSAGES[reason] };
  if (options.retryAfter !== undefined) outcome.retryAfter = options.retryAfter;
  if (options.provider) outcome.provider = options.provider;
  return outcome;
}

/** Seconds from `now` until the next midnight in China (UTC+8), when daily limits reset. */
export function secondsUntilChinaMidnight(now: number): number {
  const eightHours = 8 * 3600_000;
  const day = 86_400_000;
  const sinceMidnight = (now + eightHours) % day;
  return Math.ceil((day - sinceMidnight) / 1000);
}
