import { luhnValid } from './luhn.js';
import { foldInput } from './normalize.js';
import { result, type ValidationErrorCode, type ValidationResult, type ValidationWarningCode } from './result.js';

export const CARD_MIN_LENGTH = 15;
export const CARD_MAX_LENGTH = 19;

/**
 * A bank card number: spaces and dashes removed, 15–19 digits, kept as a
 * string (19 digits exceed 2^53). A Luhn failure is only a warning: some real
 * Chinese debit cards do not carry a Luhn check digit. A leading 0 is an error:
 * its major industry identifier (ISO/IEC 7812) is not issued to card issuers.
 */
export function validateBankCard(input: string): ValidationResult {
  const value = foldInput(input).replace(/-/g, '');
  const errors: ValidationErrorCode[] = [];
  const warnings: ValidationWarningCode[] = [];
  if (value === '') return result(value, ['CARD_EMPTY']);
  if (!/^\d+$/.test(value)) errors.push('CARD_CHARACTERS');
  else if (value.startsWith('0')) errors.push('CARD_ISSUER');
  else if (value.length < CARD_MIN_LENGTH) errors.push('CARD_TOO_SHORT');
  else if (value.length > CARD_MAX_LENGTH) errors.push('CARD_TOO_LONG');
  else if (!luhnValid(value)) warnings.push('CARD_LUHN');
  return result(value, errors, warnings);
}
