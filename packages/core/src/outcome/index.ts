export { outcomeFromError } from './from-error.js';
export { type Locale, type LocalizedText, OUTCOME_MESSAGES } from './messages.js';
export {
  type Charged,
  createOutcome,
  type Outcome,
  type OutcomeOptions,
  type ProviderDetail,
  secondsUntilChinaMidnight,
} from './outcome.js';
export { isReasonCode, type OutcomeStatus, REASON_CODES, REASONS, type ReasonCode } from './reasons.js';
