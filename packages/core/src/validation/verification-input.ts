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

export type VerificationKind = 3 | 4;

export interface VerificationFields {
  name: string;
  idNumber: string;
  cardNumber: string;
  /** Required for 4-element verification. */
  phone?: string;
}

export type FieldName = keyof VerificationFields;

export interface VerificationInputResult {
  valid: boolean;
  /** Normalized values, to be sent on when `valid`. */
  value: VerificationFields;
  fields: Partial<Record<FieldName, ValidationResult<unknown>>>;
}

/** Validates a 3- or 4-element verification form field by field. */
export function validateVerificationInput(
  kind: VerificationKind,
  input: VerificationFields,
  options: ResidentIdOptions = {},
): VerificationInputResult {
  // The ID first: the name's rules follow the kind of document it is.
  const idNumber = validateResidentId(input.idNumber, options);
  const fields: Partial<Record<FieldName, ValidationResult<unknown>>> = {
    name: validateName(input.name, { document: documentOf(idNumber, input.idNumber) }),
    idNumber,
    cardNumber: validateBankCard(input.cardNumber),
  };
  if (kind === 4) fields.phone = validateMobile(input.phone ?? '');
  const value: VerificationFields = {
    name: fields.name?.value ?? '',
    idNumber: fields.idNumber?.value ?? '',
    cardNumber: fields.cardNumber?.value ?? '',
  };
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
