import { foldInput } from './normalize.js';
import { result, type ValidationErrorCode, type ValidationResult } from './result.js';

/**
 * A mainland China mobile number: spaces, dashes and a `+86` / `86` country
 * prefix stripped; then `1[3-9]` and nine more digits.
 */
export function validateMobile(input: string): ValidationResult {
  let value = foldInput(input).replace(/-/g, '');
  if (value.startsWith('+86')) value = value.slice(3);
  else if (value.startsWith('86') && value.length === 13) value = value.slice(2);
  if (value === '') return result(value, ['PHONE_EMPTY']);
  const errors: ValidationErrorCode[] = [];
  if (!/^\d+$/.test(value)) errors.push('PHONE_CHARACTERS');
  else if (!/^1[3-9]?$/.test(value.slice(0, 2))) errors.push('PHONE_PREFIX');
  else if (value.length < 11) errors.push('PHONE_TOO_SHORT');
  else if (value.length > 11) errors.push('PHONE_TOO_LONG');
  return result(value, errors);
}
