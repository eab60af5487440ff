/**
 * Every validator returns the normalized value plus errors and warnings with
 * stable codes, never a bare boolean, so the widget and the BFF show and log
 * the same thing.
 */

export type ValidationErrorCode =
  | 'NAME_EMPTY'
  | 'NAME_CHARACTERS'
  | 'NAME_LATIN_CHARACTERS'
  | 'NAME_DOT_POSITION'
  | 'NAME_TOO_LONG'
  | 'ID_EMPTY'
  | 'ID_CHARACTERS'
  | 'ID_TOO_SHORT'
  | 'ID_TOO_LONG'
  | 'ID_REGION'
  | 'ID_BIRTH_DATE'
  | 'ID_BIRTH_DATE_FUTURE'
  | 'ID_CHECKSUM'
  | 'CARD_EMPTY'
  | 'CARD_CHARACTERS'
  | 'CARD_TOO_SHORT'
  | 'CARD_TOO_LONG'
  | 'CARD_ISSUER'
  | 'PHONE_EMPTY'
  | 'PHONE_CHARACTERS'
  | 'PHONE_TOO_SHORT'
  | 'PHONE_TOO_LONG'
  | 'PHONE_PREFIX';

export type ValidationWarningCode = 'NAME_SINGLE_CHARACTER' | 'ID_UPGRADED_FROM_15' | 'CARD_LUHN';

export type ValidationCode = ValidationErrorCode | ValidationWarningCode;

/**
 * Errors that more typing can still cure. A form shows them on submit, but
 * not while the user is still typing.
 */
const INCOMPLETE: ReadonlySet<ValidationCode> = new Set([
  'NAME_EMPTY',
  'ID_EMPTY',
  'ID_TOO_SHORT',
  'CARD_EMPTY',
  'CARD_TOO_SHORT',
  'PHONE_EMPTY',
  'PHONE_TOO_SHORT',
]);

export interface ValidationResult<Details = undefined> {
  /** True when there are no errors (warnings allowed). */
  readonly valid: boolean;
  /** The normalized value, best-effort even when invalid. */
  readonly value: string;
  readonly errors: readonly ValidationErrorCode[];
  readonly warnings: readonly ValidationWarningCode[];
  /** True when every error could still go away as the user keeps typing. */
  readonly incomplete: boolean;
  /** Facts read from a valid value (birth date, document kind…). */
  readonly details?: Details;
}

export function result<D = undefined>(
  value: string,
  errors: ValidationErrorCode[],
  warnings: ValidationWarningCode[] = [],
  details?: D,
): ValidationResult<D> {
  const base = {
    valid: errors.length === 0,
    value,
    errors,
    warnings,
    incomplete: errors.length > 0 && errors.every((code) => INCOMPLETE.has(code)),
  };
  return details === undefined ? base : { ...base, details };
}
