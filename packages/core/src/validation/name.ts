import { foldInput } from './normalize.js';
import { result, type ValidationErrorCode, type ValidationResult, type ValidationWarningCode } from './result.js';

export const NAME_MAX_LENGTH = 30;

/**
 * Dots that people type in place of the interpunct U+00B7 of minority and
 * transliterated names (e.g. 阿沛·阿旺晋美): bullet, katakana middle dot,
 * full stop (full-width folds to it under NFKC), hyphenation point, dot and
 * bullet operators.
 */
const LOOKALIKE_DOTS = /[\u2022\u30FB\uFF65.\u2027\u22C5\u2219]/g;
const HAN_OR_DOT = /^[\p{Script=Han}\u00B7]+$/u;

/**
 * A cardholder name as printed on a resident ID: Han script plus the
 * interpunct, 2–30 characters (one character is allowed, with a warning).
 * Traditional and simplified characters are never converted: the bank
 * compares the name exactly.
 */
export function validateName(input: string): ValidationResult {
  const value = foldInput(input).replace(LOOKALIKE_DOTS, '\u00B7');
  if (value === '') return result(value, ['NAME_EMPTY']);
  const errors: ValidationErrorCode[] = [];
  const warnings: ValidationWarningCode[] = [];
  // Count code points: CJK extension characters are surrogate pairs.
  const length = [...value].length;
  if (!HAN_OR_DOT.test(value)) errors.push('NAME_CHARACTERS');
  if (value.startsWith('\u00B7') || value.endsWith('\u00B7') || value.includes('\u00B7\u00B7')) {
    errors.push('NAME_DOT_POSITION');
  }
  if (length > NAME_MAX_LENGTH) errors.push('NAME_TOO_LONG');
  else if (length === 1 && errors.length === 0) warnings.push('NAME_SINGLE_CHARACTER');
  return result(value, errors, warnings);
}
