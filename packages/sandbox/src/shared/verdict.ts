import { documentOf, validateName, validateResidentId } from '@cardbind/core/validation';
import { cardholderOf, type Scenario, scenarioOf } from '../identities.js';

export interface VerificationAsk {
  name: string;
  /** Absent for 2-element checks (name and card). */
  idNumber?: string;
  cardNumber: string;
  /** Present for 4-element checks. */
  phone?: string;
}

/** What "the bank" says about a verification, before a simulator turns it into its own code. */
export type Verdict =
  | { kind: 'verified' }
  | { kind: 'mismatch' }
  | { kind: 'name_invalid' }
  | { kind: 'id_invalid' }
  | { kind: 'id_type_unsupported' }
  | { kind: 'card_format' }
  | { kind: 'phone_invalid' }
  | { kind: 'scenario'; scenario: Scenario };

/**
 * Format checks first (free at real providers), then scenario cards, then the
 * cardholder records: a known card with a wrong name, ID (when one is asked) or phone mismatches,
 * and so does a well-formed card nobody holds.
 */
export function judge(ask: VerificationAsk): Verdict {
  const id = ask.idNumber === undefined ? undefined : validateResidentId(ask.idNumber);
  // The name by its document's rules: Latin letters on a foreigner's permanent residence ID.
  const name = validateName(ask.name, id ? { document: documentOf(id, ask.idNumber ?? '') } : {});
  if (!name.valid || name.value !== ask.name) return { kind: 'name_invalid' };
  if (id && (!id.valid || id.value !== ask.idNumber)) return { kind: 'id_invalid' };
  if (id && id.details?.kind !== 'resident') return { kind: 'id_type_unsupported' };
  if (!/^\d{15,19}$/.test(ask.cardNumber)) return { kind: 'card_format' };
  if (ask.phone !== undefined && !/^1[3-9]\d{9}$/.test(ask.phone)) return { kind: 'phone_invalid' };
  const scenario = scenarioOf(ask.cardNumber);
  if (scenario) return { kind: 'scenario', scenario };
  const holder = cardholderOf(ask.cardNumber);
  if (!holder || holder.name !== ask.name) return { kind: 'mismatch' };
  if (ask.idNumber !== undefined && holder.idNumber !== ask.idNumber) return { kind: 'mismatch' };
  if (ask.phone !== undefined && holder.phone !== ask.phone) return { kind: 'mismatch' };
  return { kind: 'verified' };
}
