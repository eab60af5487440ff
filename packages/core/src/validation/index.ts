/**
 * Input validation shared by the widget (in the browser) and the BFF. Kept
 * free of data tables beyond province codes so it stays small in a bundle.
 */
export { CARD_MAX_LENGTH, CARD_MIN_LENGTH, validateBankCard } from './bank-card.js';
export { luhnValid } from './luhn.js';
export { validateMobile } from './mobile.js';
export { LATIN_NAME_MAX_LENGTH, NAME_MAX_LENGTH, type NameOptions, validateName } from './name.js';
export { foldInput } from './normalize.js';
export {
  type IdDocumentKind,
  type ResidentIdDetails,
  type ResidentIdOptions,
  residentIdCheckChar,
  validateResidentId,
} from './resident-id.js';
export type { ValidationCode, ValidationErrorCode, ValidationResult, ValidationWarningCode } from './result.js';
export {
  documentOf,
  type FieldName,
  type VerificationFields,
  type VerificationInputResult,
  type VerificationKind,
  validateVerificationInput,
} from './verification-input.js';
