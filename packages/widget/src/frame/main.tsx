import { render } from 'preact';
import { isProtocolMessage, type Locale, PROTOCOL, readFrameFragment, type TokenMessage } from '../protocol.js';
import { tokenOrigin } from '../token.js';
import { Api } from './api.js';
import { App } from './app.js';
import { adoptCss, appearanceCss } from './theme.js';

/**
 * The form in its frame, rendered as soon as this script runs, from the options in the URL's
 * fragment; it talks only to the page that frames it (`?origin=`: the BFF let no other frame it,
 * frame-ancestors names this one), and takes tokens only from it.
 */
export function startFrame(): void {
  const origin = new URLSearchParams(location.search).get('origin');
  // The BFF wrote the page in the language its query asked for, and said which.
  const locale = document.documentElement.lang as Locale;
  const init = readFrameFragment(location.hash.slice(1), locale);
  if (!origin || !init) {
    // An older or newer loader than this BFF's: its load failure (origin_refused) points here.
    console.error(`cardbind: this frame takes a loader of protocol ${PROTOCOL}, the BFF's widget/cardbind.js`);
    return;
  }
  const post = (message: Record<string, unknown>) => parent.postMessage({ p: PROTOCOL, ...message }, origin);
  adoptCss(document, appearanceCss(init.appearance, ':root'));
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
  render(<App init={init} api={new Api(token)} post={post} freshToken={freshToken} />, root);
  // Preact renders synchronously: the form is there now, not after the effects' next frame.
  post({ type: 'rendered' });
  // The body's own height (not the document's, which never shrinks below the frame).
  new ResizeObserver(() => post({ type: 'resize', height: root.getBoundingClientRect().height + 4 })).observe(root);
}
