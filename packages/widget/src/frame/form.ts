import {
  documentOf,
  type ValidationResult,
  validateBankCard,
  validateMobile,
  validateName,
  validateResidentId,
} from '@cardbind/core/validation';
import type { FormInit } from '../protocol.js';
import type { ConsentField, Strings } from './i18n.js';
import type { InputField } from './input.js';
import type { FrameState } from './state.js';

/** What the form asks and says, derived from the state: pure, as the state is. */

/** The fields each mode collects, in order; the consent names exactly these, and the requests send only them. */
export function fieldsOf(init: FormInit): { fields: InputField[]; sent: ConsentField[] } {
  if (init.mode === 'bind') {
    // The card number is optional here and never sent: it only finds the bank from its first digits.
    return { fields: ['cardNumber', 'name', 'idNumber', 'phone'], sent: ['name', 'idNumber', 'phone', 'bank'] };
  }
  const fields: InputField[] =
    init.elements === 4 || init.mode === 'verify-then-bind'
      ? ['name', 'idNumber', 'cardNumber', 'phone']
      : init.elements === 2
        ? ['name', 'cardNumber']
        : ['name', 'idNumber', 'cardNumber'];
  return { fields, sent: init.mode === 'verify-then-bind' ? [...fields, 'bank'] : fields };
}

export interface FormView {
  fields: InputField[];
  sent: ConsentField[];
  results: Record<InputField, ValidationResult<unknown>>;
  /** A field's error, once it should show (on submit, or once left after typing). */
  errorOf(field: InputField): string | undefined;
  /** A field's non-blocking note, once left. */
  hintOf(field: InputField): string | undefined;
  /** Bind: a bank or card type still to choose. */
  choiceMissing: boolean;
  /** Everything valid, chosen and consented. */
  complete: boolean;
  /** What to focus when the button is pressed too early: a field, the bank, the card type, the consent. */
  firstMissing: string | undefined;
  /** The first 8 digits, once there are 8 (what the BIN lookup takes). */
  binPrefix: string | undefined;
}

export function formView(init: FormInit, state: FrameState, t: Strings): FormView {
  const bindOnly = init.mode === 'bind';
  const { fields, sent } = fieldsOf(init);
  const { values, touched, submitted, choice, consent } = state;
  const id = validateResidentId(values.idNumber);
  const results: Record<InputField, ValidationResult<unknown>> = {
    name: validateName(values.name, { document: documentOf(id, values.idNumber) }),
    idNumber: id,
    cardNumber: validateBankCard(values.cardNumber),
    phone: validateMobile(values.phone),
  };
  const optional = (f: InputField) => bindOnly && f === 'cardNumber' && values.cardNumber === '';
  const invalid = (f: InputField) => !optional(f) && !results[f].valid;
  const choiceMissing = bindOnly && (!choice.code || !choice.type);
  const bad = fields.find(invalid);
  const firstMissing = bad
    ? `#${bad}`
    : choiceMissing
      ? choice.code
        ? 'input[name=cardType]'
        : '#bank'
      : !consent
        ? '#consent'
        : undefined;
  const prefix = results.cardNumber.value.slice(0, 8);
  return {
    fields,
    sent,
    results,
    errorOf: (f) => {
      const r = results[f];
      if (!invalid(f) || !(submitted || (touched.includes(f) && values[f] !== ''))) return undefined;
      return r.errors[0] ? t.errors[r.errors[0]] : undefined;
    },
    hintOf: (f) => {
      const w = results[f].warnings[0];
      return results[f].valid && w && touched.includes(f) ? t.errors[w] : undefined;
    },
    choiceMissing,
    complete: firstMissing === undefined,
    firstMissing,
    binPrefix: prefix.length === 8 && /^\d+$/.test(prefix) ? prefix : undefined,
  };
}
