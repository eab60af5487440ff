import { foldInput } from './normalize.js';
import { result, type ValidationErrorCode, type ValidationResult, type ValidationWarningCode } from './result.js';

export type IdDocumentKind =
  /** Mainland resident identity card (居民身份证). */
  | 'resident'
  /** Residence permit for Hong Kong / Macau residents (港澳居民居住证), prefix 810000 / 820000. */
  | 'hk_macau_residence_permit'
  /** Residence permit for Taiwan residents (台湾居民居住证), prefix 830000. */
  | 'taiwan_residence_permit'
  /** Foreigner's permanent residence ID card, 2023 format (外国人永久居留身份证), leading 9. */
  | 'foreign_permanent_residence';

export interface ResidentIdDetails {
  kind: IdDocumentKind;
  /** ISO date, `YYYY-MM-DD`. */
  birthDate: string;
  sex: 'male' | 'female';
  /** The input was a 15-digit first-generation number, upgraded to 18. */
  upgradedFrom15: boolean;
}

export interface ResidentIdOptions {
  /** "Today", for the birth-date-in-the-future check. Defaults to the current date. */
  today?: Date;
}

/** GB/T 2260 province-level codes (the first two digits). 71 is Taiwan; 81/82/83 only as residence permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71,
]);
const PERMITS: Record<string, IdDocumentKind> = {
  '810000': 'hk_macau_residence_permit',
  '820000': 'hk_macau_residence_permit',
  '830000': 'taiwan_residence_permit',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function realDate(yyyymmdd: string): Date | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && y >= 1800 ? date : undefined;
}

function kindOf(id: string): IdDocumentKind | undefined {
  const permit = PERMITS[id.slice(0, 6)];
  if (permit) return permit;
  // 2023 foreigners' permanent residence ID: 9, then the issuing province's two digits.
  const province = Number(id[0] === '9' ? id.slice(1, 3) : id.slice(0, 2));
  if (!PROVINCES.has(province)) return undefined;
  return id[0] === '9' ? 'foreign_permanent_residence' : 'resident';
}

/**
 * A resident ID number under GB 11643-1999, and the documents that share its
 * format: 18 characters with a MOD 11-2 check character (X upper-cased), a
 * real birth date not in the future, a known province prefix. A 15-digit
 * first-generation number is upgraded to 18 (century 19, check char added).
 */
export function validateResidentId(
  input: string,
  options: ResidentIdOptions = {},
): ValidationResult<ResidentIdDetails> {
  let value = foldInput(input).toUpperCase();
  if (value === '') return result(value, ['ID_EMPTY']);
  if (!/^\d*X?$/.test(value) || (value.endsWith('X') && value.length !== 18)) {
    return result(value, ['ID_CHARACTERS']);
  }
  const warnings: ValidationWarningCode[] = [];
  const upgradedFrom15 = value.length === 15;
  if (upgradedFrom15) {
    const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
    value = first17 + residentIdCheckChar(first17);
    warnings.push('ID_UPGRADED_FROM_15');
  }
  if (value.length < 18) return result(value, ['ID_TOO_SHORT']);
  if (value.length > 18) return result(value, ['ID_TOO_LONG']);

  const errors: ValidationErrorCode[] = [];
  const kind = kindOf(value);
  if (!kind) errors.push('ID_REGION');
  const birth = realDate(value.slice(6, 14));
  const today = options.today ?? new Date();
  if (!birth) errors.push('ID_BIRTH_DATE');
  else if (birth.getTime() > today.getTime()) errors.push('ID_BIRTH_DATE_FUTURE');
  if (residentIdCheckChar(value) !== value[17]) errors.push('ID_CHECKSUM');
  if (errors.length > 0 || !kind || !birth) return result(value, errors, warnings);

  return result(value, errors, warnings, {
    kind,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    upgradedFrom15,
  });
}
