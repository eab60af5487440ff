import { renderToString } from 'preact-render-to-string';
import type { FormInit, Locale, PrerenderedForm } from '../protocol.js';
import type { Api } from './api.js';
import { App } from './app.js';

/**
 * The form as its frame first shows it, written out at build time (scripts/build.mjs) for each
 * language and form: the markup the frame's script then hydrates. Names the consent takes from the
 * merchant (provider, merchant name) are left out: hydration writes them in.
 */
export function prerender(form: PrerenderedForm, locale: Locale): string {
  const verify = /^verify-([234])$/.exec(form);
  // (Bind and verify-then-bind ask for the same fields whatever `elements` says.)
  const init = { mode: verify ? 'verify' : form, elements: verify ? Number(verify[1]) : 4, locale } as FormInit;
  const noop = () => {};
  // Nothing is asked of the API or posted while rendering: only effects do that, and they do not run here.
  return renderToString(<App init={init} api={{} as Api} post={noop} />);
}

export { PRERENDERED_FORMS } from '../protocol.js';
