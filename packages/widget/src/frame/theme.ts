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
 * The merchant's appearance as one rule of `--cardbind-*` custom properties
 * on `selector`. Unknown keys are dropped, and so are values that could end
 * the declaration or the rule.
 */
export function appearanceCss(appearance: Appearance | undefined, selector: ':root' | ':host'): string | undefined {
  if (!appearance) return undefined;
  const declarations = Object.entries(appearance)
    .filter(([key, value]) => key in VARIABLES && typeof value === 'string' && !/[;{}<>\\]/.test(value))
    .map(([key, value]) => `${VARIABLES[key as keyof Appearance]}: ${value};`);
  return declarations.length === 0 ? undefined : `${selector} { ${declarations.join(' ')} }`;
}

/**
 * Adopts `css` as a constructable stylesheet: no style attribute, no inline
 * <style>, so a `style-src` without 'unsafe-inline' holds.
 */
export function adoptCss(target: Document | ShadowRoot, css: string | undefined): void {
  if (!css) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}
