import type { Appearance } from '../protocol.js';

const VARIABLES: Record<keyof Appearance, string> = {
  colorPrimary: '--cardbind-color-primary',
  colorText: '--cardbind-color-text',
  colorBackground: '--cardbind-color-background',
  colorDanger: '--cardbind-color-danger',
  colorBorder: '--cardbind-color-border',
  fontFamily: '--cardbind-font-family',
  fontSize: '--cardbind-font-size',
  borderRadius: '--cardbind-border-radius',
  spacing: '--cardbind-spacing',
};

/**
 * Applies the merchant's appearance as custom properties through a
 * constructable stylesheet: no style attribute, no inline <style>, so the
 * frame's `style-src 'self'` holds. Values that could escape a declaration
 * are dropped.
 */
export function applyAppearance(appearance: Appearance | undefined): void {
  if (!appearance) return;
  const declarations = Object.entries(appearance)
    .filter(([key, value]) => key in VARIABLES && typeof value === 'string' && !/[;{}<>\\]/.test(value))
    .map(([key, value]) => `${VARIABLES[key as keyof Appearance]}: ${value};`);
  if (declarations.length === 0) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`:root { ${declarations.join(' ')} }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
