declare const masked: unique symbol;

/**
 * A string that is safe to log or store: a masked PII value, a keyed
 * fingerprint, or text that never held PII. The brand makes the compiler
 * refuse a raw card, ID, name or phone where only masked data may go.
 */
export type Masked = string & { readonly [masked]: true };

/**
 * Marks text that holds no personal data (an order number, a provider code)
 * as safe to log. Never pass it a raw card, ID, name or phone.
 */
export function notPii(text: string): Masked {
  return text as Masked;
}
