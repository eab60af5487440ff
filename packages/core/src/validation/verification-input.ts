import { validateBankCard } from './bank-card.js';
import { validateMobile } from './mobile.js';
import { validateName } from './name.js';
import { foldInput } from './normalize.js';
import {
  type IdDocumentKind,
  type ResidentIdDetails,
  type ResidentIdOptions,
  validateResidentId,
} from './resident-id.js';
import type { ValidationResult } from './result.js';

export type VerificationKind = 2 | 3 | 4;

export interface VerificationFields {
  name: string;
  /** Required for 3- and 4-element verification; 2 elements (name and card) take none. */
  idNumber?: string | undefined;
  cardNumber: string;
  /** Required for 4-element verification. */
  phone?: string | undefined;
}

export type FieldName = keyof VerificationFields;

export interface VerificationInputResult {
  valid: boolean;
  /** Normalized values, to be sent on when `valid`: only the fields the kind takes. */
  value: VerificationFields;
  fields: Partial<Record<FieldName, ValidationResult<unknown>>>;
}

/**
 * Validates a 2-, 3- or 4-element verification form field by field. Fields the kind does not take
 * are neither checked nor returned (a 2-element check ignores an ID number it was given).
 */
export function validateVerificationInput(
  kind: VerificationKind,
  input: VerificationFields,
  options: ResidentIdOptions = {},
): VerificationInputResult {
  // The ID first: the name's rules follow the kind of document it is. Without one, a Han name.
  const idNumber = kind === 2 ? undefined : validateResidentId(input.idNumber ?? '', options);
  const fields: Partial<Record<FieldName, ValidationResult<unknown>>> = {
    name: validateName(input.name, idNumber ? { document: documentOf(idNumber, input.idNumber ?? '') } : {}),
  };
  if (idNumber) fields.idNumber = idNumber;
  fields.cardNumber = validateBankCard(input.cardNumber);
  if (kind === 4) fields.phone = validateMobile(input.phone ?? '');
  const value: VerificationFields = { name: fields.name?.value ?? '', cardNumber: fields.cardNumber?.value ?? '' };
  if (idNumber) value.idNumber = idNumber.value;
  if (fields.phone) value.phone = fields.phone.value;
  return { valid: Object.values(fields).every((f) => f?.valid), value, fields };
}

/**
 * The document kind a name goes with: from a valid ID, or, while the ID is
 * still being typed, from its first character (only a foreigner's
 * permanent residence ID starts with 9).
 */
export function documentOf(id: ValidationResult<ResidentIdDetails | unknown>, raw: string): IdDocumentKind {
  const kind = (id.details as ResidentIdDetails | undefined)?.kind;
  if (kind) return kind;
  return foldInput(raw).startsWith('9') ? 'foreign_permanent_residence' : 'resident';
}
