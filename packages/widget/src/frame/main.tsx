import { hydrate, render } from 'preact';
import { isProtocolMessage, type Locale, PROTOCOL, readFrameFragment, type TokenMessage } from '../protocol.js';
import { tokenOrigin } from '../token.js';
import { Api } from './api.js';
import { App } from './app.js';
import { EARLY, type EarlyMessages } from './early.js';
import { INPUT_FIELDS } from './input.js';
import type { Typed } from './state.js';
import { adoptCss, appearanceCss } from './theme.js';

/** What was typed or checked in the server-rendered form before this script ran. */
function typedInto(root: HTMLElement): Typed {
  const values: Typed['values'] = {};
  for (const field of INPUT_FIELDS) {
    const input = root.querySelector<HTMLInputElement>(`#${field}`);
    if (input?.value) values[field] = input.value;
  }
  return { values, consent: root.querySelector<HTMLInputElement>('#consent')?.checked === true };
}

/**
 * The form in its frame, from the options in the URL's fragment; it talks only to the page that
 * frames it (`?origin=`: the BFF let no other frame it, frame-ancestors names this one), and takes
 * tokens only from it. The BFF wrote the form into the page (`?form=`) and its first script said
 * `rendered` (ping.ts): this one takes over the written-out form (hydrates it). A page without it
 * (a result to resume) is rendered here, and says `rendered` itself.
 */
export function startFrame(): void {
  const early = (window as unknown as Record<string, EarlyMessages | undefined>)[EARLY];
  const origin = new URLSearchParams(location.search).get('origin');
  // The BFF wrote the page in the language its query asked for, and said which.
  const locale = document.documentElement.lang as Locale;
  const init = readFrameFragment(location.hash.slice(1), locale);
  if (!origin || !init) {
    // An older or newer loader than this BFF's: its load failure (origin_refused) points here.
    console.error(`cardbind: this frame takes a loader of protocol ${PROTOCOL}, the BFF's widget/cardbind.js`);
    return;
  }
  if (early) early.started = true;
  const post = (message: Record<string, unknown>) => parent.postMessage({ p: PROTOCOL, ...message }, origin);
  // (ping.js has adopted it when the page holds its form written out.)
  if (!early) adoptCss(document, appearanceCss(init.appearance, ':root'));
  const root = document.getElementById('root') as HTMLElement;
  // The loader's next token: the first (it answers `rendered` with it), or one asked for a new attempt.
  const nextToken = () =>
    new Promise<string | null>((resolve) => {
      addEventListener('message', function onToken(e: MessageEvent) {
        if (e.source !== parent || e.origin !== origin || !isProtocolMessage(e.data) || e.data.type !== 'token') return;
        removeEventListener('message', onToken);
        const token = (e.data as TokenMessage).token;
        resolve(typeof token === 'string' ? token : null);
      });
    });
  const freshToken = () => {
    const token = nextToken();
    post({ type: 'token-request' });
    return token;
  };
  // A token made for another origin than the page's is never used.
  const token = nextToken().then((value) => (value && tokenOrigin(value) === origin ? value : null));
  // What came before this script (the first token, most likely) goes to the listener above.
  if (early) {
    removeEventListener('message', early.keep);
    for (const { data, origin, source } of early.events)
      dispatchEvent(new MessageEvent('message', { data, origin, source }));
  }
  const props = { init, api: new Api(token), post, freshToken };
  if (early && root.firstElementChild) {
    hydrate(<App {...props} typed={typedInto(root)} />, root);
  } else {
    render(<App {...props} />, root);
    // Preact renders synchronously: the form is there now, not after the effects' next frame.
    post({ type: 'rendered' });
  }
  // The body's own height (not the document's, which never shrinks below the frame).
  new ResizeObserver(() => post({ type: 'resize', height: root.getBoundingClientRect().height + 4 })).observe(root);
}
