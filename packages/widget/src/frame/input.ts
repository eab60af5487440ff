/**
 * What the form does to each keystroke and paste: normalize first, then show.
 * Nothing a person typed or pasted is cut: a value that is too long stays
 * whole, and validation says so. The caret stays after the same character
 * it followed, however the value is regrouped.
 */
export const INPUT_FIELDS = ['name', 'idNumber', 'cardNumber', 'phone'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** Separators people type or paste inside numbers: whitespace, hyphens and dashes, dots, parentheses. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()]/g;

/** The value to keep for `raw` (full-width folded; separators, and the +86 / 0086 prefix of a phone, gone). */
export function normalizeInput(field: InputField, raw: string): string {
  if (field === 'name') return raw;
  const folded = raw.normalize('NFKC').replace(SEPARATORS, '');
  if (field === 'idNumber') return folded.toUpperCase();
  if (field === 'phone') return folded.replace(/^(?:\+86|0086)/, '');
  return folded;
}

/** How the value is shown: card digits in groups of four, however many there are. */
export function displayInput(field: InputField, value: string): string {
  return field === 'cardNumber' ? value.replace(/(.{4})(?=.)/g, '$1 ') : value;
}

/**
 * Where the caret goes in the shown value, given where it was in what the
 * person's edit produced: after the same number of kept characters.
 */
export function caretAfterEdit(field: InputField, raw: string, caret: number): number {
  const kept = normalizeInput(field, raw.slice(0, caret)).length;
  if (field !== 'cardNumber') return kept;
  // A space follows every fourth digit, but none at the caret's own position.
  return kept + Math.floor(Math.max(0, kept - 1) / 4);
}
