import { render } from 'preact';
import { Api } from '../frame/api.js';
import { App } from '../frame/app.js';
import { adoptCss, appearanceCss } from '../frame/theme.js';
import { type FormInit, type FrameMessage, PROTOCOL } from '../protocol.js';

// The frame's styles, minified, put here by the build.
declare const __CARDBIND_CSS__: string;

/**
 * Inline mode: the same form rendered into a shadow root on the merchant's
 * element. Styles are isolated both ways; data is not: scripts on the page
 * share this document and can read what is typed, which the loader's docs
 * say. The root is open because closing it would pretend otherwise (a page
 * script can wrap attachShadow) and would shut out test and a11y tools.
 * Returns the unmount function.
 */
export function renderInline(
  host: Element,
  init: FormInit,
  token: string,
  bffBase: URL,
  post: (message: FrameMessage) => void,
  freshToken: () => Promise<string | null> = async () => null,
): () => void {
  // A shadow root cannot be attached twice: a remount reuses it.
  if (!host.shadowRoot) host.replaceChildren();
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [];
  adoptCss(shadow, __CARDBIND_CSS__);
  adoptCss(shadow, appearanceCss(init.appearance, ':host'));
  render(
    <App
      init={init}
      api={new Api(token, bffBase)}
      post={(message) => post({ p: PROTOCOL, ...message } as FrameMessage)}
      freshToken={freshToken}
    />,
    shadow,
  );
  return () => render(null, shadow);
}
