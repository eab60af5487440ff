import { foldInput } from './normalize.js';
import type { IdDocumentKind } from './resident-id.js';
import { result, type ValidationErrorCode, type ValidationResult, type ValidationWarningCode } from './result.js';

export const NAME_MAX_LENGTH = 30;
/** Latin names run longer (given names, middle names, family names). */
export const LATIN_NAME_MAX_LENGTH = 60;

/**
 * Dots that people type in place of the interpunct U+00B7 of minority and
 * transliterated names (e.g. 阿沛·阿旺晋美): bullet, katakana middle dot,
 * full stop (full-width folds to it under NFKC), hyphenation point, dot and
 * bullet operators.
 */
const LOOKALIKE_DOTS = /[\u2022\u30FB\uFF65.\u2027\u22C5\u2219]/g;
/** Hyphens and dashes people type between the parts of a Latin name. */
const LOOKALIKE_HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;
const HAN_OR_DOT = /^[\p{Script=Han}\u00B7]+$/u;
const LATIN_NAME = /^[\p{Script=Latin}\u00B7 -]+$/u;

export interface NameOptions {
  /**
   * The document the name goes with (`validateResidentId(…).details.kind`).
   * A foreigner's permanent residence ID carries a Latin name; every other
   * document (and an unknown one) a Han name.
   */
  document?: IdDocumentKind | undefined;
}

/**
 * A cardholder name as printed on the identity document: Han script plus the
 * interpunct, 2–30 characters (one is allowed, with a warning) for mainland
 * IDs and the Hong Kong / Macau / Taiwan residence permits; Latin letters,
 * spaces, `·` and `-`, up to 60 characters, for the foreigner's permanent
 * residence ID. Traditional and simplified characters are never converted
 * and the case of a Latin name is kept: the bank compares the name exactly.
 */
export function validateName(input: string, options: NameOptions = {}): ValidationResult {
  if (options.document === 'foreign_permanent_residence') return validateLatinName(input);
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

/** Spaces inside a Latin name are kept, one between words; the ends are trimmed. */
function validateLatinName(input: string): ValidationResult {
  const value = input
    .normalize('NFKC')
    .replace(LOOKALIKE_DOTS, '\u00B7')
    .replace(LOOKALIKE_HYPHENS, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (value === '') return result(value, ['NAME_EMPTY']);
  const errors: ValidationErrorCode[] = [];
  if (!LATIN_NAME.test(value)) errors.push('NAME_LATIN_CHARACTERS');
  if (/^[\u00B7-]|[\u00B7-]$|[\u00B7-][ \u00B7-]|[ ][\u00B7-]/.test(value)) errors.push('NAME_DOT_POSITION');
  if (value.length > LATIN_NAME_MAX_LENGTH) errors.push('NAME_TOO_LONG');
  return result(value, errors);
}
