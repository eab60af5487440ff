import type { ConsentParts, Strings } from './i18n.js';

/** A template's `{name}`s filled in one pass (a value is never read as a template). */
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** "a, b and c" / "a、b和c". */
const list = (items: readonly string[], separator: string, last: string) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(separator)}${last}${items.at(-1)}`;

/** The consent sentence: exactly the fields sent, to whom, by whom, and why. */
export function consentText({ consent }: Strings, parts: ConsentParts): string {
  const merchant = parts.merchant ?? consent.merchant;
  const purposes = parts.purposes.map((p) => fill(consent[p], { merchant }));
  return fill(consent.text, {
    merchant,
    fields: list(
      parts.fields.map((f) => consent.fields[f]),
      consent.separator,
      consent.last,
    ),
    provider:
      typeof parts.provider === 'object'
        ? list(parts.provider, consent.separator, consent.last)
        : (parts.provider ?? consent.provider),
    purposes: purposes.join(consent.purposesJoin),
  });
}
